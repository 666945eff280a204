// rules of family perf
