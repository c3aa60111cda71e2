package io.simmixmatch.security;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often one caller (an API key or a token's subject) may ask for expensive work
 * ({@code simmixmatch.rate-limits.*}), per API instance. A caller may use a whole
 * period's allowance at once.
 *
 * @param launchesPerMinute training runs launched
 * @param predictionsPerSecond prediction requests, whatever their number of images
 */
@ConfigurationProperties("simmixmatch.rate-limits")
@Validated
record RateLimitProperties(@DefaultValue("30") @Min(1) int launchesPerMinute,
		@DefaultValue("500") @Min(1) int predictionsPerSecond) {

}
