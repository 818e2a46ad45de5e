package org.lodestone.scenario;

/**
 * One event of a scenario's {@code events:} list, read and checked at compile time, applied to each
 * run's draft: the nominal scenario ({@code values == null}, every number at its nominal value) and
 * every Monte Carlo draw (its drawn values) go through the same {@link #apply}.
 *
 * <p>Each type is one class: a static {@code KEYS} list of its own keys (besides
 * {@link Events#COMMON_KEYS}), a static {@code read(EventReader)} that returns the event or null after
 * reporting its problems, and {@code apply}. {@link Events} registers them by type name.
 */
sealed interface Event permits Outage, CapacityDelay, DemandShock, Subsidy, PriceFloor, ExportControl,
    Tariff, StockpileRelease, StockpileBuild, OffQuota {
  /**
   * Applies the event to a run's draft.
   *
   * @param draft  the run's producers, sectors and trade measures (edited in place)
   * @param values drawn parameter values (coordinate order), or null for the nominal run
   */
  void apply(EventDraft draft, double[] values);
}
