"""What every area of the domain shares: identifiers, money, dates, regions, the audit stamp, errors."""
