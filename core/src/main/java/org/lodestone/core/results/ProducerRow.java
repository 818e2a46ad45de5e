package org.lodestone.core.results;

/**
 * One producer in one year: what it could make, what it made, and what it earned per kg.
 *
 * @param year          calendar year
 * @param producer      producer id
 * @param stage         stage code
 * @param region        region code
 * @param owner         owner (company)
 * @param capacity      capacity, t (t REO for mining and separation)
 * @param production    output, t
 * @param utilisation   production / capacity, or NaN without capacity
 * @param priceReceived what a kg of its product fetches in its market, USD/kg
 * @param inputCost     what the inputs of a kg of its product cost at market prices, USD/kg
 * @param cashCost      its unit cash cost, USD/kg
 * @param margin        priceReceived − inputCost − cashCost, USD/kg (negative: below cash cost)
 */
public record ProducerRow(int year, String producer, String stage, String region, String owner,
    double capacity, double production, double utilisation, double priceReceived, double inputCost,
    double cashCost, double margin) {

  /** The column names, in order. */
  public static final java.util.List<String> COLUMNS = java.util.List.of("year", "producer", "stage",
      "region", "owner", "capacity", "production", "utilisation", "price_received", "input_cost",
      "cash_cost", "margin");
}
