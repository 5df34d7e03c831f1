"""The exploratory notebook's code cells, as one script: the "before" of the refactor.

Each section is one code cell of docs/notebooks/demand_forecasting_exploration.py, verbatim;
a test fails the moment the two differ.
"""

# --8<-- [start:load]
import pandas as pd
from demand_forecast.data import make_sales
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

pd.set_option("display.max_columns", 20)
sales = make_sales(days=365)
sales.head()
# --8<-- [end:load]

# --8<-- [start:split]
train = sales[sales["date"] <= "2025-12-03"]
test = sales[sales["date"] > "2025-12-03"]
len(train), len(test)
# --8<-- [end:split]

# --8<-- [start:train]
X = train[["store_id", "day_of_week", "month", "price", "promotion", "temperature"]]
y = train["units_sold"]
model = RandomForestRegressor(n_estimators=100, max_depth=8)
model.fit(X, y)
# --8<-- [end:train]

# --8<-- [start:evaluate]
X_test = test[["store_id", "day_of_week", "month", "price", "promotion", "temperature"]]
mae = mean_absolute_error(test["units_sold"], model.predict(X_test))
naive = train.groupby(["store_id", "day_of_week"])["units_sold"].mean()
naive_forecast = test.join(naive.rename("naive"), on=["store_id", "day_of_week"])["naive"]
naive_mae = mean_absolute_error(test["units_sold"], naive_forecast)
print(f"model MAE {mae:.2f} units, naive MAE {naive_mae:.2f} units")
# --8<-- [end:evaluate]
