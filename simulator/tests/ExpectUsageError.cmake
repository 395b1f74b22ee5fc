# Runs the simulate driver with ARGUMENTS (space-separated) and passes only when it exits
# with 2 and prints exactly one error line on stderr.
separate_arguments(arguments UNIX_COMMAND "${ARGUMENTS}")
execute_process(COMMAND ${DRIVER} simulate ${arguments}
  RESULT_VARIABLE exit_code OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(STRIP "${err}" err)
string(FIND "${err}" "\n" newline)
if(NOT exit_code EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got '${exit_code}'; stderr: ${err}")
endif()
if(err STREQUAL "" OR NOT newline EQUAL -1)
  message(FATAL_ERROR "expected one line on stderr, got: ${err}")
endif()
message(STATUS "exit 2: ${err}")
