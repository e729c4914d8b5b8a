"""harmwatch.geo"""
