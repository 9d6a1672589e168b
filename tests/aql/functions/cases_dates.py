from tests.aql.case import AqlCase

CASES: list[AqlCase] = []
