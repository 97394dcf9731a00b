"""The employees the API tests add."""

JAN = {"first_name": "Jan", "infix": "de", "last_name": "Vries", "personnel_number": "1001",
       "date_of_birth": "1980-04-12", "start_date": "2015-03-01", "contract_hours": "32",
       "work_phone": "013-1234567", "work_email": "jan@jansen.nl"}
