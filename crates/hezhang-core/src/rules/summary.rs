// rules of family summary
