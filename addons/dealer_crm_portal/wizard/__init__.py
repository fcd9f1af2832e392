from . import dealer_statement_generate
