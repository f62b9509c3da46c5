"""The benchmark behind ``python -m analytics bench``: synthetic data at the size of a ward, a
city or the country (``generate``) and every figure a screen shows, timed beside pandas
(``measure``)."""
