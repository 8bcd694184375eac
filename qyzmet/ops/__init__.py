"""Operations (issue 20, point 6; ADR 0070): health probes, JSON logs with the request id and no
IIN digits, Prometheus metrics, optional error reporting, the page shown while the database is
away."""
