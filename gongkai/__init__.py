"""gongkai (公开): a government-information disclosure platform for health commissions."""
