"""The retention engine: policy, lifecycle planning, applying plans, holds, disposal lists, reports."""
