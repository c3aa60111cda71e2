package io.simmixmatch.studies;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a study launches: its configurations, each run once per seed.
 *
 * @param strategy how the configurations were chosen
 * @param configurations the configurations, in launch order
 * @param baseline the place of the baseline among them, or null without one
 */
record StudyPlan(StudyStrategy strategy, List<Configuration> configurations, @Nullable Integer baseline) {

}
