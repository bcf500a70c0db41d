"""Values: exact numbers, units, quantities, intervals, periods and time."""
