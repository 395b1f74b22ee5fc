#!/usr/bin/env python3
"""Stand-ins for the *.proxy.h / *.service.h headers of Kudu's protoc plugin (protoc-gen-krpc).

Kudu builds the plugin from its own sources (it links Kudu's util and gutil), so the recipe cannot
run it. These headers declare the same classes and methods as the plugin's GenerateProxyHeader and
GenerateServiceIfHeader (src/kudu/rpc/protoc-gen-krpc.cc), read from the descriptor set that
Debian's protoc writes; no bodies are needed, the analysis only reads declarations of these.

usage: kudu-krpc.py <descriptor set (protoc --descriptor_set_out)> <output dir>
The descriptor set is decoded by hand (Debian has no python3-protobuf among the recipe's packages).
"""
import os
import sys

AUTHZ_METHOD = 50007  # kudu.rpc.authz_method / default_authz_method in rpc_header.proto


def fields(buf):
    """Yields (field number, value) of one protobuf message; values are ints or bytes."""
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            val, i = varint(buf, i)
        elif wire == 2:
            n, i = varint(buf, i)
            val, i = buf[i:i + n], i + n
        elif wire == 1:
            val, i = buf[i:i + 8], i + 8
        elif wire == 5:
            val, i = buf[i:i + 4], i + 4
        else:
            raise ValueError('unsupported wire type %d' % wire)
        yield num, val


def varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


def text(msg, num):
    return next((v.decode() for n, v in fields(msg) if n == num), None)


def option(msg, options_field, ext):
    opts = next((v for n, v in fields(msg) if n == options_field), b'')
    return text(opts, ext)


def cpp_type(package, full_name):
    """The plugin's StripNamespaceIfPossible + ReplaceNamespaceDelimiters."""
    name = full_name.lstrip('.')
    if name.startswith(package + '.'):
        name = name[len(package) + 1:]
    return name.replace('.', '::')


def header(prelude, package, classes):
    """A generated header: its includes and forward declarations, then the classes in the
    namespaces of the .proto's package."""
    parts = package.split('.')
    return (prelude + ''.join('namespace %s {\n' % p for p in parts) + ''.join(classes) +
            ''.join('} // namespace %s\n' % p for p in reversed(parts)))


SERVICE_PRELUDE = ('#pragma once\n#include <string>\n#include "kudu/gutil/ref_counted.h"\n'
                   '#include "kudu/rpc/service_if.h"\n'
                   'namespace google { namespace protobuf { class Message; } }\n'
                   'namespace kudu { class MetricEntity; namespace rpc { class ResultTracker; '
                   'class RpcContext; } }\n')

PROXY_PRELUDE = ('#pragma once\n#include <memory>\n#include <string>\n#include "kudu/rpc/proxy.h"\n'
                 '#include "kudu/rpc/response_callback.h"\n#include "kudu/util/status.h"\n'
                 'namespace kudu { class Sockaddr; }\n'
                 'namespace kudu { namespace rpc { class Messenger; class RpcController; } }\n')


def service_if(name, default_authz, methods):
    out = ['class %sIf : public ::kudu::rpc::GeneratedServiceIf {\n public:\n'
           '  static const std::string& static_service_name();\n'
           '  %sIf(const scoped_refptr<::kudu::MetricEntity>& entity,\n'
           '      const scoped_refptr<::kudu::rpc::ResultTracker>& result_tracker);\n'
           '  virtual ~%sIf();\n'
           '  const std::string& service_name() const override;\n' % (name, name, name)]
    authz = set()
    for rpc, req, resp, method_authz in methods:
        out.append('  virtual void %s(const class %s* req, class %s* resp,\n'
                   '      ::kudu::rpc::RpcContext* context) = 0;\n' % (rpc, req, resp))
        if method_authz or default_authz:
            authz.add(method_authz or default_authz)
    for m in sorted(authz):
        out.append('  virtual bool %s(const google::protobuf::Message* req,\n'
                   '      google::protobuf::Message* resp, ::kudu::rpc::RpcContext* context) = 0;\n'
                   % m)
    out.append(' private:\n  static const std::string kServiceName_;\n};\n')
    return ''.join(out)


def proxy(name, _, methods):
    out = ['class %sProxy : public ::kudu::rpc::Proxy {\n public:\n'
           '  %sProxy(std::shared_ptr<::kudu::rpc::Messenger> messenger,\n'
           '      const ::kudu::Sockaddr& sockaddr, std::string hostname);\n'
           '  %sProxy(std::shared_ptr<::kudu::rpc::Messenger> messenger,\n'
           '      const ::kudu::HostPort& hp, ::kudu::DnsResolver* dns_resolver);\n'
           '  ~%sProxy();\n' % (name, name, name, name)]
    for rpc, req, resp, _ in methods:
        out.append('  ::kudu::Status %s(const class %s& req, class %s* resp,\n'
                   '      ::kudu::rpc::RpcController* controller);\n'
                   '  void %sAsync(const class %s& req, class %s* response,\n'
                   '      ::kudu::rpc::RpcController* controller,\n'
                   '      const ::kudu::rpc::ResponseCallback& callback);\n'
                   % (rpc, req, resp, rpc, req, resp))
    out.append('};\n')
    return ''.join(out)


def main(descriptor_set, out_dir):
    with open(descriptor_set, 'rb') as f:
        files = [v for n, v in fields(f.read()) if n == 1]
    for file in files:
        path, package = text(file, 1), text(file, 2) or ''
        services = []
        for svc in (v for n, v in fields(file) if n == 6):
            methods = [(text(m, 1), cpp_type(package, text(m, 2)), cpp_type(package, text(m, 3)),
                        option(m, 4, AUTHZ_METHOD))
                       for n, m in fields(svc) if n == 2]
            services.append((text(svc, 1), option(svc, 3, AUTHZ_METHOD), methods))
        if not services:
            continue
        stem = os.path.join(out_dir, path[:-len('.proto')])
        os.makedirs(os.path.dirname(stem), exist_ok=True)
        with open(stem + '.service.h', 'w') as f:
            f.write(header(SERVICE_PRELUDE, package, [service_if(*s) for s in services]))
        with open(stem + '.proxy.h', 'w') as f:
            f.write(header(PROXY_PRELUDE, package, [proxy(*s) for s in services]))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
