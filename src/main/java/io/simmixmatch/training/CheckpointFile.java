package io.simmixmatch.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checkpoint format: a zip of {@code metadata.json}, the trained weights
 * ({@code model.params}), the EMA weights ({@code ema.params}) and the optimizer state
 * ({@code optimizer.ndlist}), and what FixMatch's pseudo-labeling learned, where it
 * learns: the class means of its distribution alignment ({@code distribution-alignment})
 * and its weighting's state ({@code pseudo-label-weighting}: FlexMatch's latest confident
 * prediction of each image, FreeMatch's and SoftMatch's moving averages). Written to a
 * temporary file and renamed, so the previous checkpoint of the same name stays valid
 * until the new one is complete.
 */
public final class CheckpointFile {

	private static final String METADATA = "metadata.json";

	private static final String MODEL = "model.params";

	private static final String EMA = "ema.params";

	private static final String OPTIMIZER = "optimizer.ndlist";

	private static final String DISTRIBUTION_ALIGNMENT = "distribution-alignment";

	private static final String PSEUDO_LABEL_WEIGHTING = "pseudo-label-weighting";

	// FlexMatch's, the only weighting that learned before SoftMatch, under its old name
	private static final String FLEXMATCH_PSEUDO_LABELS = "pseudo-labels.ints";

	// A checkpoint written before a hyperparameter existed reads it as 0 or false:
	// what its run trained with (no time budget, warm-up, label smoothing or distribution
	// alignment), what it never read (FixMatch's threshold and lambdaPseudo), or what
	// serving never reads (batchNormMomentum, 0.1 before it). One written before the
	// weighting names it by three booleans (WeightingBooleans).
	// Resuming takes a run's hyperparameters from the run, not its checkpoint.
	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private final Map<String, byte[]> entries;

	private CheckpointFile(Map<String, byte[]> entries) {
		this.entries = entries;
	}

	static void write(Path file, CheckpointMetadata metadata, Block model, Block ema, NDList optimizerState,
			byte[] distributionAlignment, byte[] pseudoLabelWeighting) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
			put(zip, METADATA, json.writeValueAsBytes(metadata));
			put(zip, MODEL, parameters(model));
			put(zip, EMA, parameters(ema));
			put(zip, OPTIMIZER, optimizerState.encode());
			if (distributionAlignment.length > 0) {
				put(zip, DISTRIBUTION_ALIGNMENT, distributionAlignment);
			}
			if (pseudoLabelWeighting.length > 0) {
				put(zip, PSEUDO_LABEL_WEIGHTING, pseudoLabelWeighting);
			}
		}
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Copies a checkpoint under another name, with the same all-or-nothing rename as a
	 * write: a checkpoint's content does not depend on why it was kept.
	 * @param from a complete checkpoint
	 * @param to where the copy goes
	 * @throws IOException if it cannot be copied
	 */
	static void copy(Path from, Path to) throws IOException {
		Path partial = to.resolveSibling(to.getFileName() + ".partial");
		Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
		Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Reads a checkpoint.
	 * @param file the checkpoint
	 * @return its entries
	 * @throws IOException if it is not a complete checkpoint
	 */
	public static CheckpointFile read(Path file) throws IOException {
		Map<String, byte[]> entries = new HashMap<>();
		try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		for (String name : new String[] { METADATA, MODEL, EMA, OPTIMIZER }) {
			if (!entries.containsKey(name)) {
				throw new IOException(file + " is not a complete checkpoint: " + name + " is missing");
			}
		}
		return new CheckpointFile(entries);
	}

	/**
	 * Reads only what a checkpoint says about itself, without its weights.
	 * @param file the checkpoint
	 * @return its metadata
	 * @throws IOException if it has none
	 */
	public static CheckpointMetadata readMetadata(Path file) throws IOException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry entry = zip.getEntry(METADATA);
			if (entry == null) {
				throw new IOException(file + " is not a complete checkpoint: " + METADATA + " is missing");
			}
			try (InputStream in = zip.getInputStream(entry)) {
				return metadata(json.readTree(in));
			}
		}
	}

	public CheckpointMetadata metadata() {
		return metadata(json.readTree(this.entries.get(METADATA)));
	}

	private static CheckpointMetadata metadata(JsonNode tree) {
		if (tree.get("hyperparameters") instanceof ObjectNode hyperparameters) {
			WeightingBooleans.read(hyperparameters);
		}
		return json.treeToValue(tree, CheckpointMetadata.class);
	}

	/**
	 * Loads the EMA weights, the ones to evaluate and serve, into an initialized network.
	 * @param network a network of the checkpoint's architecture
	 * @param manager the manager of the network's parameters
	 * @throws IOException if the weights do not fit the network
	 */
	public void loadEma(Block network, NDManager manager) throws IOException {
		load(network, manager, EMA);
	}

	void loadModel(Block network, NDManager manager) throws IOException {
		load(network, manager, MODEL);
	}

	NDList optimizerState(NDManager manager) {
		return NDList.decode(manager, this.entries.get(OPTIMIZER));
	}

	/**
	 * What the distribution alignment learned.
	 * @return its {@link DistributionAlignment#state()}; empty where the run does not
	 * align or had not yet
	 */
	byte[] distributionAlignment() {
		return this.entries.getOrDefault(DISTRIBUTION_ALIGNMENT, new byte[0]);
	}

	/**
	 * What the pseudo-label weighting learned.
	 * @return its {@link PseudoLabelWeighting#state()}; empty where it learns nothing
	 */
	byte[] pseudoLabelWeighting() {
		return this.entries.getOrDefault(PSEUDO_LABEL_WEIGHTING,
				this.entries.getOrDefault(FLEXMATCH_PSEUDO_LABELS, new byte[0]));
	}

	private void load(Block network, NDManager manager, String entry) throws IOException {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(this.entries.get(entry)))) {
			network.loadParameters(manager, in);
		}
		catch (MalformedModelException ex) {
			throw new IOException("The " + entry + " of the checkpoint do not fit the network", ex);
		}
	}

	private static byte[] parameters(Block block) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			block.saveParameters(out);
		}
		return bytes.toByteArray();
	}

	private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content);
		zip.closeEntry();
	}

}
