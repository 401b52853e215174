"""moto_server, one request at a time.

moto 5.2.5 stores a Kinesis record at "highest sequence number in the shard + 1" without a
lock (`moto/kinesis/models.py`, `Shard.put_record`). Its server is threaded, so two PutRecords
calls that reach the same shard at once (two phigate replicas writing one clean stream) can
get the same sequence number, and one record silently replaces the other: measured 3993 of
4000 records kept with two writer threads. Real Kinesis does not lose acknowledged records,
so the tests would be testing moto's race, not phigate. This wrapper keeps moto's threaded
server (an idle keep-alive connection blocks nobody) and runs the application under one lock,
body included, which makes every API call atomic as it is in AWS.

Usage: python moto_server.py -H 127.0.0.1 -p 5000   (the arguments of `moto_server`)
"""

import threading

import moto.server

_lock = threading.Lock()
_call = moto.server.DomainDispatcherApplication.__call__


def _serial(self, environ, start_response):
    with _lock:
        return list(_call(self, environ, start_response))


moto.server.DomainDispatcherApplication.__call__ = _serial

if __name__ == "__main__":
    moto.server.main()
