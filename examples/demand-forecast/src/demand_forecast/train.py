"""Train, evaluate and register the demand-forecast model."""

import hashlib
import subprocess

import mlflow
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split

from demand_forecast.features import prepare

FEATURES = ["store_id", "day_of_week", "price", "promotion"]


def train(sales: pd.DataFrame, model_name: str = "demand-forecast") -> str:
    frame = prepare(sales)
    data_hash = hashlib.sha256(pd.util.hash_pandas_object(frame).values.tobytes()).hexdigest()
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    train_x, test_x, train_y, test_y = train_test_split(
        frame[FEATURES], frame["units_sold"], random_state=42
    )
    with mlflow.start_run() as run:
        mlflow.set_tag("git_commit", commit.strip())
        mlflow.log_param("data_sha256", data_hash)
        model = RandomForestRegressor(n_estimators=200, random_state=42).fit(train_x, train_y)
        mlflow.log_metric("mape", mean_absolute_percentage_error(test_y, model.predict(test_x)))
        mlflow.sklearn.log_model(
            model, name="model", registered_model_name=model_name, input_example=test_x.head()
        )
    return run.info.run_id
