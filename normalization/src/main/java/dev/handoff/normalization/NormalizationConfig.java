package dev.handoff.normalization;

/**
 * Settings of the normalizers.
 *
 * @param defaultPhoneRegion region for phone numbers written without a country code (ISO 3166 alpha-2)
 * @param ocrConfidenceCap   highest confidence a value read by OCR may have
 */
public record NormalizationConfig(String defaultPhoneRegion, double ocrConfidenceCap) {

    public NormalizationConfig {
        if (defaultPhoneRegion == null || defaultPhoneRegion.isBlank()) {
            defaultPhoneRegion = "US";
        }
        if (ocrConfidenceCap <= 0 || ocrConfidenceCap > 1) {
            ocrConfidenceCap = 0.6;
        }
    }

    public static NormalizationConfig defaults() {
        return new NormalizationConfig("US", 0.6);
    }
}
