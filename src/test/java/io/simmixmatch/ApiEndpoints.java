package io.simmixmatch;

import java.util.List;

/**
 * Every endpoint of the API, with a path to call it by (ids that name nothing) and the
 * least role it needs. {@code ApiKeySecurityTest} checks that it names every handler the
 * service has.
 */
public final class ApiEndpoints {

	/** Method, pattern, a path and the least role, one endpoint a line. */
	public static final String TABLE = """
			GET,    /api/v1/datasets,                           /api/v1/datasets,                      READER
			POST,   /api/v1/datasets,                           /api/v1/datasets,                      TRAINER
			GET,    /api/v1/datasets/{id},                      /api/v1/datasets/fashion-mnist,        READER
			DELETE, /api/v1/datasets/{id},                      /api/v1/datasets/nothing,              TRAINER
			GET,    /api/v1/datasets/{id}/samples,              /api/v1/datasets/nothing/samples,      READER
			POST,   /api/v1/runs,                               /api/v1/runs,                          TRAINER
			GET,    /api/v1/runs,                               /api/v1/runs,                          READER
			GET,    /api/v1/runs/{id},                          /api/v1/runs/999999,                   READER
			POST,   /api/v1/runs/{id}/cancel,                   /api/v1/runs/999999/cancel,            TRAINER
			GET,    /api/v1/runs/{id}/events,                   /api/v1/runs/999999/events,            READER
			GET,    /api/v1/runs/{id}/metrics,                  /api/v1/runs/999999/metrics,           READER
			GET,    /api/v1/runs/{id}/checkpoints,              /api/v1/runs/999999/checkpoints,       READER
			GET,    /api/v1/runs/{id}/checkpoints/{checkpointId}/file, /api/v1/runs/9/checkpoints/9/file, READER
			GET,    /api/v1/runs/{id}/checkpoints/{checkpointId}/model.onnx, /api/v1/runs/9/checkpoints/9/model.onnx, READER
			GET,    /api/v1/runs/{id}/checkpoints/{checkpointId}/model-card, /api/v1/runs/9/checkpoints/9/model-card, READER
			POST,   /api/v1/studies,                            /api/v1/studies,                       TRAINER
			GET,    /api/v1/studies,                            /api/v1/studies,                       READER
			GET,    /api/v1/studies/{id},                       /api/v1/studies/999999,                READER
			GET,    /api/v1/studies/{id}/curves,                /api/v1/studies/999999/curves,         READER
			GET,    /api/v1/studies/{id}/events,                /api/v1/studies/999999/events,         READER
			POST,   /api/v1/studies/{id}/cancel,                /api/v1/studies/999999/cancel,         TRAINER
			GET,    /api/v1/models,                             /api/v1/models,                        READER
			GET,    /api/v1/models/{alias},                     /api/v1/models/best,                   READER
			PUT,    /api/v1/models/{alias},                     /api/v1/models/best,                   TRAINER
			GET,    /api/v1/models/{name}/model.onnx,           /api/v1/models/best/model.onnx,        READER
			GET,    /api/v1/models/{name}/model-card,           /api/v1/models/best/model-card,        READER
			POST,   /api/v1/predict,                            /api/v1/predict,                       READER
			GET,    /v2,                                        /v2,                                   READER
			GET,    /v2/models/{name},                          /v2/models/best,                       READER
			GET,    /v2/models/{name}/ready,                    /v2/models/best/ready,                 READER
			POST,   /v2/models/{name}/infer,                    /v2/models/best/infer,                 READER
			POST,   /api/v1/keys,                               /api/v1/keys,                          ADMIN
			GET,    /api/v1/keys,                               /api/v1/keys,                          ADMIN
			DELETE, /api/v1/keys/{id},                          /api/v1/keys/999999,                   ADMIN
			GET,    /actuator/prometheus,                       /actuator/prometheus,                  READER
			GET,    /actuator/metrics,                          /actuator/metrics,                     READER
			""";

	private ApiEndpoints() {
	}

	/** The table's rows: method, pattern, path, role. */
	public static List<String[]> rows() {
		return TABLE.lines().map((line) -> line.split(",\\s*")).map(ApiEndpoints::stripped).toList();
	}

	private static String[] stripped(String[] fields) {
		for (int i = 0; i < fields.length; i++) {
			fields[i] = fields[i].strip();
		}
		return fields;
	}

}
