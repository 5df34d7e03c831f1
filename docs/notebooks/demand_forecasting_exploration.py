# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exploring demand: a level-0 notebook
#
# This is how most models start: a notebook that loads the data, looks at it, fits a model
# and prints a score. It is kept as a jupytext percent-format `.py` file, so it diffs and
# reviews like code, and a test runs it from top to bottom on every change.
#
# The [notebook-to-package golden path](../../golden-paths/notebook-to-package/) sets its
# cells side by side with the package functions they became.

# %%
import pandas as pd
from demand_forecast.data import make_sales
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

pd.set_option("display.max_columns", 20)
sales = make_sales(days=365)
sales.head()

# %% [markdown]
# ## A first look
#
# A year of daily sales for five stores. Promotions and weekends should sell more.

# %%
sales.groupby("promotion")["units_sold"].mean()

# %%
sales.groupby(sales["day_of_week"] >= 5)["units_sold"].mean()

# %% [markdown]
# ## Hold out the last four weeks
#
# The cut date is read off the table above and typed in by hand.

# %%
train = sales[sales["date"] <= "2025-12-03"]
test = sales[sales["date"] > "2025-12-03"]
len(train), len(test)

# %% [markdown]
# ## Fit a model

# %%
X = train[["store_id", "day_of_week", "month", "price", "promotion", "temperature"]]
y = train["units_sold"]
model = RandomForestRegressor(n_estimators=100, max_depth=8)
model.fit(X, y)

# %% [markdown]
# ## Is it any good?
#
# Compare with the simplest forecast a planner would make: the average of the same store on
# the same weekday.

# %%
X_test = test[["store_id", "day_of_week", "month", "price", "promotion", "temperature"]]
mae = mean_absolute_error(test["units_sold"], model.predict(X_test))
naive = train.groupby(["store_id", "day_of_week"])["units_sold"].mean()
naive_forecast = test.join(naive.rename("naive"), on=["store_id", "day_of_week"])["naive"]
naive_mae = mean_absolute_error(test["units_sold"], naive_forecast)
print(f"model MAE {mae:.2f} units, naive MAE {naive_mae:.2f} units")

# %% [markdown]
# The model beats the naive forecast. Good enough to keep going, and the moment to move this
# logic out of the notebook: into functions with parameters instead of typed-in dates, with
# tests, that a pipeline can call.

# %%
pd.Series({"model": mae, "naive": naive_mae}).plot.bar(title="MAE on the last four weeks");
