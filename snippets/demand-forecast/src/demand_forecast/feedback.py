"""Join the delayed ground truth to logged predictions and follow the business KPI per week."""

import pandas as pd

KEYS = ["date", "store_id"]


def join_ground_truth(predictions: pd.DataFrame, actuals: pd.DataFrame) -> pd.DataFrame:
    """Predictions next to what really sold, for the store-days whose sales are known.

    Args:
        predictions: The prediction log: `date`, `store_id`, `prediction`, `model_version`.
        actuals: Ground truth as it arrives, days later: `date`, `store_id`, `units_sold`.
    """
    left = predictions.assign(date=pd.to_datetime(predictions["date"]).dt.normalize())
    right = actuals.assign(date=pd.to_datetime(actuals["date"]).dt.normalize())
    return left.merge(right[[*KEYS, "units_sold"]], on=KEYS, how="inner", validate="1:1")


def weekly_kpis(joined: pd.DataFrame, margin: float, holding_cost: float) -> pd.DataFrame:
    """Forecast error in euros, per week: lost margin on stock-outs plus the cost of overstock.

    Args:
        joined: Output of `join_ground_truth`.
        margin: Margin lost per unit a customer wanted but the shelf did not have.
        holding_cost: Cost per unit stocked but not sold (storage, markdown, waste).

    Returns:
        Per week (starting Monday): store-days, MAPE in percent, stock-out and overstock cost.
    """
    error = joined["prediction"] - joined["units_sold"]
    per_day = joined.assign(
        ape=100 * error.abs() / joined["units_sold"].clip(lower=1),
        stockout_cost=(-error).clip(lower=0) * margin,
        overstock_cost=error.clip(lower=0) * holding_cost,
    )
    week = per_day["date"].dt.to_period("W-SUN").dt.start_time.rename("week")
    return per_day.groupby(week).agg(
        store_days=("ape", "size"),
        mape=("ape", "mean"),
        stockout_cost=("stockout_cost", "sum"),
        overstock_cost=("overstock_cost", "sum"),
    )
