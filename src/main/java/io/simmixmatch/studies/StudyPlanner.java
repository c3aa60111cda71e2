package io.simmixmatch.studies;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.simmixmatch.runs.HyperparameterResolver;
import io.simmixmatch.studies.CreateStudyRequest.Range;
import io.simmixmatch.training.Algorithm;
import io.simmixmatch.training.Hyperparameters;
import io.simmixmatch.training.InvalidHyperparametersException;
import io.simmixmatch.training.Preset;
import io.simmixmatch.web.ApiProblems;
import io.simmixmatch.web.FieldError;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Turns a study request into its configurations, checked as a run's hyperparameters are,
 * and answers everything wrong with it as fields of the request before anything is
 * written.
 */
@Component
class StudyPlanner {

	private static final Set<String> HYPERPARAMETERS = Arrays.stream(Hyperparameters.class.getRecordComponents())
		.map(RecordComponent::getName)
		.collect(Collectors.toUnmodifiableSet());

	private static final String SEED = "seed";

	private final HyperparameterResolver hyperparameters;

	private final StudyProperties properties;

	StudyPlanner(HyperparameterResolver hyperparameters, StudyProperties properties) {
		this.hyperparameters = hyperparameters;
		this.properties = properties;
	}

	/**
	 * The plan of a study.
	 * @param request the study
	 * @return its configurations and baseline
	 * @throws org.springframework.web.ErrorResponseException 400 naming every rejected
	 * field
	 */
	StudyPlan plan(CreateStudyRequest request) {
		boolean grid = request.grid() != null;
		String varied = grid ? "grid" : "random.ranges";
		throwIfAny(checkShape(request, grid, varied));
		List<Configuration> configurations = grid ? gridOf(request.grid(), request.base())
				: drawn(request.random(), request.base());
		List<FieldError> errors = new ArrayList<>();
		Integer baseline = (request.baseline() != null) ? placeBaseline(
				Configuration.of(request.baseline(), request.base()), configurations, grid, request, errors) : null;
		int runs = configurations.size() * request.seeds().size();
		if (runs > this.properties.maxRuns()) {
			errors.add(new FieldError(varied, "%d configurations x %d seeds make %d runs; a study may launch at most %d"
				.formatted(configurations.size(), request.seeds().size(), runs, this.properties.maxRuns())));
		}
		throwIfAny(errors);
		configurations.forEach((configuration) -> resolve(configuration, request, varied, errors));
		throwIfAny(errors.stream().distinct().toList());
		return new StudyPlan(grid ? StudyStrategy.GRID : StudyStrategy.RANDOM, List.copyOf(configurations), baseline);
	}

	// What can be told from the request alone, before any configuration is made.
	private static List<FieldError> checkShape(CreateStudyRequest request, boolean grid, String varied) {
		List<FieldError> errors = new ArrayList<>();
		if (grid == (request.random() != null)) {
			errors.add(new FieldError("grid", "give either a grid or a random search, not both or neither"));
		}
		Map<String, ?> dimensions = grid ? request.grid()
				: (request.random() != null) ? request.random().ranges() : Map.of();
		checkDimensions(dimensions, varied, grid, errors);
		boolean baseNamesAlgorithm = request.base().algorithm() != null;
		if (!baseNamesAlgorithm && !dimensions.containsKey(Configuration.ALGORITHM)) {
			errors.add(new FieldError("base.algorithm", "must be given, here or as a dimension of the " + varied));
		}
		Map<String, Object> baseline = request.baseline();
		if (baseline != null) {
			checkNames(baseline.keySet(), "baseline", errors);
			if (baseline.containsKey(Configuration.ALGORITHM)) {
				checkAlgorithm(baseline.get(Configuration.ALGORITHM), "baseline.algorithm", errors);
			}
			else if (!baseNamesAlgorithm) {
				errors.add(new FieldError("baseline.algorithm", "must be given where the base names none"));
			}
		}
		if (request.seeds().stream().distinct().count() < request.seeds().size()) {
			errors.add(new FieldError("seeds", "must not repeat a seed"));
		}
		return errors;
	}

	// A grid's baseline must be one of its configurations; a random search runs its
	// baseline as a configuration of its own where it was not drawn.
	private @Nullable Integer placeBaseline(Configuration wanted, List<Configuration> configurations, boolean grid,
			CreateStudyRequest request, List<FieldError> errors) {
		Integer index = indexOf(wanted, configurations, request);
		if (index != null) {
			return index;
		}
		if (grid) {
			errors
				.add(new FieldError("baseline", "is no configuration of the grid: " + wanted.label() + " is not among "
						+ configurations.stream().map(Configuration::label).collect(Collectors.joining(", "))));
			return null;
		}
		configurations.add(wanted);
		return configurations.size() - 1;
	}

	/**
	 * The hyperparameter overrides of one run of a configuration.
	 * @param request the study
	 * @param configuration the configuration
	 * @param seed the run's seed
	 * @return the base's overrides, the configuration's values and the seed
	 */
	static Map<String, Object> overridesOf(CreateStudyRequest request, Configuration configuration, long seed) {
		Map<String, Object> overrides = new LinkedHashMap<>(
				Objects.requireNonNullElse(request.base().hyperparameters(), Map.of()));
		overrides.putAll(configuration.hyperparameters());
		overrides.put(SEED, seed);
		return overrides;
	}

	/**
	 * Every combination of the grid's values, in the grid's order, the last name varying
	 * fastest; combinations that differ only in what their algorithm ignores count once.
	 * @param grid values by name
	 * @param base the study's base: its algorithm where the grid does not vary it
	 * @return the configurations
	 */
	static List<Configuration> gridOf(Map<String, List<Object>> grid, CreateStudyRequest.Base base) {
		List<Map<String, Object>> combinations = List.of(Map.of());
		for (Map.Entry<String, List<Object>> dimension : grid.entrySet()) {
			List<Map<String, Object>> next = new ArrayList<>();
			for (Map<String, Object> combination : combinations) {
				for (Object value : dimension.getValue()) {
					Map<String, Object> extended = new LinkedHashMap<>(combination);
					extended.put(dimension.getKey(), value);
					next.add(extended);
				}
			}
			combinations = next;
		}
		return distinct(combinations, base);
	}

	/**
	 * Configurations drawn from the search's ranges with its seed: the same request draws
	 * the same configurations.
	 * @param search the ranges and the number of trials
	 * @param base the study's base: its algorithm where the ranges do not vary it
	 * @return the distinct configurations drawn
	 */
	static List<Configuration> drawn(CreateStudyRequest.RandomSearch search, CreateStudyRequest.Base base) {
		UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP
			.create(Objects.requireNonNullElse(search.seed(), 0L));
		List<Map<String, Object>> trials = new ArrayList<>();
		for (int trial = 0; trial < search.trials(); trial++) {
			Map<String, Object> values = new LinkedHashMap<>();
			search.ranges().forEach((name, range) -> values.put(name, draw(range, random)));
			trials.add(values);
		}
		return distinct(trials, base);
	}

	private static Object draw(Range range, UniformRandomProvider random) {
		if (range.values() != null) {
			return range.values().get(random.nextInt(range.values().size()));
		}
		if (whole(range.min()) && whole(range.max()) && !range.logarithmic()) {
			return Math.toIntExact(random.nextLong(range.min().longValue(), range.max().longValue() + 1));
		}
		double min = range.min().doubleValue();
		double max = range.max().doubleValue();
		return range.logarithmic() ? Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)))
				: min + random.nextDouble() * (max - min);
	}

	private static boolean whole(Number number) {
		return number instanceof Integer || number instanceof Long;
	}

	private static List<Configuration> distinct(List<Map<String, Object>> values, CreateStudyRequest.Base base) {
		Set<Configuration> configurations = new LinkedHashSet<>();
		values.forEach((each) -> configurations.add(Configuration.of(each, base)));
		return new ArrayList<>(configurations);
	}

	// The baseline is the configuration that trains alike: equal effective
	// hyperparameters.
	private @Nullable Integer indexOf(Configuration wanted, List<Configuration> configurations,
			CreateStudyRequest request) {
		Hyperparameters target = resolvedOrNull(wanted, request);
		for (int i = 0; target != null && i < configurations.size(); i++) {
			Configuration candidate = configurations.get(i);
			if (candidate.algorithm() == wanted.algorithm() && target.equals(resolvedOrNull(candidate, request))) {
				return i;
			}
		}
		return null;
	}

	private @Nullable Hyperparameters resolvedOrNull(Configuration configuration, CreateStudyRequest request) {
		try {
			return resolved(configuration, request);
		}
		catch (InvalidHyperparametersException ex) {
			return null;
		}
	}

	private Hyperparameters resolved(Configuration configuration, CreateStudyRequest request) {
		return this.hyperparameters.resolve(preset(request),
				overridesOf(request, configuration, request.seeds().get(0)), configuration.algorithm());
	}

	private void resolve(Configuration configuration, CreateStudyRequest request, String varied,
			List<FieldError> errors) {
		try {
			resolved(configuration, request);
		}
		catch (InvalidHyperparametersException ex) {
			ex.violations()
				.forEach((violation) -> errors
					.add(violation.name().isEmpty() ? new FieldError(varied, violation.message())
							: new FieldError(field(violation.name(), configuration, varied),
									violation.message() + " (in " + configuration.label() + ")")));
		}
	}

	private static String field(String name, Configuration configuration, String varied) {
		return configuration.hyperparameters().containsKey(name) ? varied + "." + name : "base.hyperparameters." + name;
	}

	private static Preset preset(CreateStudyRequest request) {
		return Objects.requireNonNull(request.base().preset(), "the service chooses a preset before it plans");
	}

	private static void checkDimensions(Map<String, ?> dimensions, String varied, boolean grid,
			List<FieldError> errors) {
		if (dimensions.isEmpty()) {
			errors.add(new FieldError(varied, "must vary the algorithm or at least one hyperparameter"));
		}
		checkNames(dimensions.keySet(), varied, errors);
		dimensions.forEach((name, dimension) -> {
			String field = varied + "." + name;
			if (grid) {
				List<?> values = (List<?>) dimension;
				if (values == null || values.isEmpty()) {
					errors.add(new FieldError(field, "must list at least one value"));
				}
				else if (name.equals(Configuration.ALGORITHM)) {
					values.forEach((value) -> checkAlgorithm(value, field, errors));
				}
			}
			else {
				checkRange(name, (Range) dimension, field, errors);
			}
		});
	}

	private static void checkRange(String name, @Nullable Range range, String field, List<FieldError> errors) {
		if (range == null) {
			return;
		}
		boolean values = range.values() != null;
		boolean bounds = range.min() != null && range.max() != null;
		boolean anyBound = range.min() != null || range.max() != null;
		if (values ? anyBound : !bounds) {
			errors.add(new FieldError(field, "must give either values or both min and max"));
		}
		else if (values && name.equals(Configuration.ALGORITHM)) {
			range.values().forEach((value) -> checkAlgorithm(value, field, errors));
		}
		else if (bounds && name.equals(Configuration.ALGORITHM)) {
			errors.add(new FieldError(field, "the algorithm is drawn from values, not from bounds"));
		}
		else if (bounds && range.min().doubleValue() > range.max().doubleValue()) {
			errors.add(new FieldError(field, "min must not exceed max"));
		}
		else if (bounds && range.logarithmic() && range.min().doubleValue() <= 0) {
			errors.add(new FieldError(field, "a logarithmic range needs min above 0"));
		}
	}

	private static void checkNames(Set<String> names, String prefix, List<FieldError> errors) {
		names.stream().sorted().forEach((name) -> {
			if (name.equals(SEED)) {
				errors.add(new FieldError(prefix + "." + name, "seeds are given by 'seeds'"));
			}
			else if (!name.equals(Configuration.ALGORITHM) && !HYPERPARAMETERS.contains(name)) {
				errors.add(new FieldError(prefix + "." + name, "unknown hyperparameter"));
			}
		});
	}

	private static void checkAlgorithm(@Nullable Object value, String field, List<FieldError> errors) {
		if (value == null || Arrays.stream(Algorithm.values()).noneMatch((each) -> each.name().equals(value))) {
			errors.add(new FieldError(field, "must be one of " + Arrays.toString(Algorithm.values())));
		}
	}

	private static void throwIfAny(List<FieldError> errors) {
		if (!errors.isEmpty()) {
			throw ApiProblems.invalidFields(errors);
		}
	}

}
