"""A synthetic bulk loader for load tests: ``regiekamer seed_demo --scale N`` with N beyond the default demo.

The default demo is built through the service layer; the signals beyond it are generated here and written in bulk
(``COPY`` on PostgreSQL), with the same encryption, blind index, name keys, numbering and protocol rules as the
application, and one processing-log entry per batch of created records. It is not the intake path: no validation
per field, no notifications. See docs/benchmarks.md ("A load-test database").
"""
