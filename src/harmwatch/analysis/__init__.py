"""harmwatch.analysis"""
