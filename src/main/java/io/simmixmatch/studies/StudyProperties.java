package io.simmixmatch.studies;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of studies ({@code simmixmatch.studies.*}).
 *
 * @param maxRuns runs one study may launch: configurations times seeds (each run also
 * counts against its caller's active runs)
 */
@ConfigurationProperties("simmixmatch.studies")
@Validated
record StudyProperties(@DefaultValue("48") @Min(1) int maxRuns) {

}
