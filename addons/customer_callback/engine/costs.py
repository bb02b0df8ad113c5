"""CB-20: callback costs, reimbursed after the supervisor's approval.

Seed 000 (回访费用报销): the staff member's receipts are approved by the
customer-service supervisor; reimbursement stays within the company's limit,
the excess is the staff member's own (逾额部分自行负担). Cost is compared with
the budget of the same scope: a team's cost with the team's budget.
"""

from collections import defaultdict
from itertools import product

from .errors import CallbackRuleError
from .figures import budget_use


def check_amount(amount):
    """CB-20: a cost is above 0."""
    if amount is None or amount <= 0:
        raise CallbackRuleError(
            "cost_amount",
            "A callback cost must be above 0 (not %(amount)s).",
            amount=amount,
        )
    return amount


def split_claim(amount, already_reimbursed=0.0, limit=0.0):
    """CB-20: (reimbursed, excess) of one approved claim of a callback.

    ``limit`` is the company's limit per callback (0: no limit);
    ``already_reimbursed`` what the callback's earlier approved claims got.
    The excess above the limit is the staff member's.
    """
    check_amount(amount)
    if limit is None or limit < 0:
        raise CallbackRuleError("cost_limit", "The cost limit cannot be negative.")
    if not limit:
        return round(amount, 2), 0.0
    room = max(limit - (already_reimbursed or 0.0), 0.0)
    reimbursed = min(amount, room)
    return round(reimbursed, 2), round(amount - reimbursed, 2)


def team_figures(costs, budgets, quarters=()):
    """CB-20: {(team, quarter): {cost, excess, budget, difference, budget_use}}.

    ``costs``: (team, quarter, reimbursed, excess) of approved claims;
    ``budgets``: team -> budget per quarter. The team's cost (what the
    company pays) is compared with the team's budget, not a person's:
    ``difference`` is what is left of the budget (negative: overspent);
    ``excess`` is what the team's staff bore above the limit per callback.
    ``quarters``: a team with a budget also gets a row for each of these
    quarters it spent nothing in.
    """
    rows = defaultdict(lambda: {"cost": 0.0, "excess": 0.0})
    for team, quarter in product(budgets, quarters):
        if budgets[team]:
            rows.setdefault((team, quarter), {"cost": 0.0, "excess": 0.0})
    for team, quarter, reimbursed, excess in costs:
        rows[(team, quarter)]["cost"] += reimbursed
        rows[(team, quarter)]["excess"] += excess
    result = {}
    for (team, quarter), row in rows.items():
        budget = budgets.get(team) or 0.0
        result[(team, quarter)] = {
            "cost": round(row["cost"], 2),
            "excess": round(row["excess"], 2),
            "budget": budget,
            "difference": round(budget - row["cost"], 2),
            "budget_use": budget_use(row["cost"], budget),
        }
    return result
