"""harmwatch.exports"""
