"""harmwatch.incidents"""
