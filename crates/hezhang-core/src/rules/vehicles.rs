// rules of family vehicles
