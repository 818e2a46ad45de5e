package org.lodestone.store;

/** Export formats of a stored run. */
public enum ExportFormat {
  csv("text/csv", "csv"),
  json("application/json", "json"),
  parquet("application/vnd.apache.parquet", "parquet"),
  xlsx("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The HTTP media type. */
  public String mediaType() {
    return mediaType;
  }

  /** The file extension, without dot. */
  public String extension() {
    return extension;
  }
}
