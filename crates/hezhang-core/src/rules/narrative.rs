// rules of family narrative
