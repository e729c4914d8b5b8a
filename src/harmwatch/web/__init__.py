"""harmwatch.web"""
