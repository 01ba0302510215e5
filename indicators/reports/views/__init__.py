"""Pages of “Đơn vị của tôi” and the quarterly reports, by concern.

`unit`: a unit's page and task completion; `report`: the quarterly report workflow and the
review list; `files`: evidence downloads. `access` holds the checks they share.
"""
