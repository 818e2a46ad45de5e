#!/usr/bin/env python3
"""Reference values of the standard normal cdf for StandardNormalTest.java (mpmath, 50 digits).

Prints Java array rows {z, Phi(z)}; z are exact binary fractions (multiples of 1/64) so that the
argument itself carries no rounding. Usage: python3 normal_cdf_reference.py
"""
import mpmath

mpmath.mp.dps = 50
zs = [-37.5, -37.0, -35.25, -30.0, -26.5, -20.0, -15.75, -10.0, -8.0, -6.25, -5.65625, -5.5, -4.0, -3.0,
      -2.0, -1.5, -1.0, -0.671875, -0.65625, -0.5, -0.25, -0.015625, 0.0, 0.015625, 0.25, 0.5, 0.65625,
      0.671875, 1.0, 1.5, 2.0, 3.0, 4.0, 5.5, 5.65625, 6.25, 8.0]
for z in zs:
    phi = mpmath.ncdf(mpmath.mpf(z))
    print(f"      {{{z!r}, {mpmath.nstr(phi, 20, min_fixed=0, max_fixed=0)}}},")
