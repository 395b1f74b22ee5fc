// Corpus stub of boost/asio/unyield.hpp: undefines the short keywords of yield.hpp.
#ifdef reenter
#undef reenter
#endif

#ifdef yield
#undef yield
#endif
