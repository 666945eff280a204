// rules of family table
