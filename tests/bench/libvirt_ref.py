#!/usr/bin/python3
# The reference side of bench:libvirt: the C library (Debian's python3-libvirt) through libvirtd.
# Usage: /usr/bin/python3 libvirt_ref.py URI   (URI must route through the daemon, e.g. test+unix:///abs.xml)
# Prints one JSON line {domains, lib_version}, then answers each line naming an operation (list, stats, xml_seq)
# with the milliseconds one run of it took, so the bench can interleave the two sides run by run.
import json
import sys
import time

import libvirt


def main():
    libvirt.registerErrorHandler(lambda *_: None, None)
    conn = libvirt.open(sys.argv[1])
    doms = conn.listAllDomains(0)
    ops = {
        "list": lambda: conn.listAllDomains(0),
        "stats": lambda: conn.getAllDomainStats(0, 0),
        "xml_seq": lambda: [d.XMLDesc(0) for d in doms],
    }
    print(json.dumps({"domains": len(doms), "lib_version": libvirt.getVersion()}), flush=True)
    for line in sys.stdin:
        fn = ops[line.strip()]
        t = time.perf_counter()
        fn()
        print((time.perf_counter() - t) * 1000, flush=True)
    conn.close()


if __name__ == "__main__":
    main()
