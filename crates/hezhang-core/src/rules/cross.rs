// rules of family cross
