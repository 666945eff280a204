// rules of family three_public
