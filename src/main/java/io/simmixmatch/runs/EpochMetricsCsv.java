package io.simmixmatch.runs;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes a run's curves as CSV (RFC 4180), one row per epoch, empty cells for nulls. */
final class EpochMetricsCsv {

	static final String HEADER = "epoch,step,learning_rate,loss,loss_x,loss_u,loss_sim,val_top1,val_top5,"
			+ "images_per_second,duration_ms,recorded_at";

	private EpochMetricsCsv() {
	}

	static String write(List<EpochMetricResponse> metrics) {
		StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
		for (EpochMetricResponse metric : metrics) {
			csv.append(row(metric)).append("\r\n");
		}
		return csv.toString();
	}

	private static String row(EpochMetricResponse m) {
		return Stream
			.of(m.epoch(), m.step(), m.learningRate(), m.loss(), m.lossX(), m.lossU(), m.lossSim(), m.valTop1(),
					m.valTop5(), m.imagesPerSecond(), m.durationMs(), m.recordedAt())
			.map((value) -> Objects.toString(value, ""))
			.collect(Collectors.joining(","));
	}

}
