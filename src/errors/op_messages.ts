// The messages of the op table, the public op functions, variables, gradient tapes and value
// conversion: one function per situation, texts as TensorFlow (or its Python layer) writes
// them. Messages several layers share are in messages.ts.
import { tfTypeName, type DType, type DTypeName } from "../core/dtypes.js";
import { shapeDebugString, type TensorShape } from "../core/tensor_shape.js";
import { notInAllowedValues } from "./messages.js";
import { tfNumberString } from "./tf_number.js";

type Dims = readonly number[];

/** TensorFlow's `[Op:Name]` suffix, for errors an op function raises before the op runs. */
export function atOp(message: string, opName: string): string {
  return `${message} [Op:${opName}]`;
}

/** An integer argument (perm, begin, multiples, …) given as a tensor that is not int32/int64. */
export function intArgumentDtypeNotAllowed(opName: string, attr: string, got: DType): string {
  return atOp(notInAllowedValues(attr, got, ["int32", "int64"]), opName);
}

/** An axis outside [-rank, rank). */
export function axisOutOfRange(what: string, axis: number, rank: number): string {
  return `Expected ${what} in the range [${-rank}, ${rank}), but got ${axis}`;
}

// --- math ---------------------------------------------------------------------------------------

/** Python's `x / y` on tensors of different dtypes. */
export function truedivDtypeMismatch(x: DType, y: DType): string {
  return `\`x\` and \`y\` must have the same dtype, got ${x.repr()} != ${y.repr()}.`;
}

/** Python's `x / y` on a dtype true division does not support. */
export function truedivDtypeNotSupported(dtype: DType, supported: readonly DTypeName[]): string {
  return `Invalid dtype ${dtype.repr()} in __truediv__. Expected one of {${supported.map((k) => `tf.${k}`).join(", ")}}.`;
}

/** A cast between strings and another dtype. */
export function castNotSupported(from: DType, to: DType): string {
  return `Cast ${tfTypeName(from)} to ${tfTypeName(to)} is not supported`;
}

/** tf.complex's parts of different or non-float dtypes. */
export function complexPartsIncorrectTypes(re: DType, im: DType): string {
  return `The \`real\` and \`imag\` components have incorrect types: ${re.name} ${im.name}. ` +
    "They must be consistent, and one of [tf.float32, tf.float64]";
}

/** tf.math.real of a bool or string tensor. */
export function realOfNonNumeric(dtype: DType): string {
  return `input must be a numeric tensor, but got tensor with dtype ${dtype.toString()}`;
}

/** UnsortedSegmentSum's segment ids whose shape is not a prefix of the data's. */
export function segmentIdsShapeMismatch(data: Dims, ids: Dims): string {
  return `data.shape = ${shapeDebugString(data)} does not start with segment_ids.shape = ${shapeDebugString(ids)}`;
}

/** UnsortedSegmentSum's num_segments below zero. */
export function negativeNumSegments(numSegments: number): string {
  return `Input num_segments == ${numSegments} must not be negative.`;
}

// --- compare ------------------------------------------------------------------------------------

/** SelectV2's condition and branches that do not broadcast together. */
export function selectNotBroadcastable(condition: Dims, then: Dims, otherwise: Dims): string {
  return `condition ${shapeDebugString(condition)}, then ${shapeDebugString(then)}, and else ${shapeDebugString(otherwise)} must be broadcastable`;
}

/** tf.where with one of x and y. */
export function whereNeedsBothBranches(): string {
  return "x and y must both be non-None or both be None.";
}

// --- array: Reshape, Pack, Fill -------------------------------------------------------------------

/** Reshape's shape with two -1 entries. */
export function reshapeTwoUnknownSizes(first: number, second: number): string {
  return `Only one input size may be -1, not both ${first} and ${second}`;
}

/** Reshape's shape with a negative entry other than -1. */
export function reshapeNegativeSize(index: number, size: number): string {
  return `Size ${index} must be non-negative, not ${size}`;
}

/** Reshape's shape with a -1 that no whole number of elements fills. */
export function reshapeNotMultiple(elements: number, known: number): string {
  return `Input to reshape is a tensor with ${elements} values, but the requested shape requires a multiple of ${known}`;
}

/** Reshape's shape with another number of elements. */
export function reshapeSizeMismatch(elements: number, requested: number): string {
  return `Input to reshape is a tensor with ${elements} values, but the requested shape has ${requested}`;
}

/** Pack's inputs of different shapes. */
export function packShapesDiffer(first: Dims, index: number, dims: Dims): string {
  return `Shapes of all inputs must match: values[0].shape = ${shapeDebugString(first)} != values[${index}].shape = ${shapeDebugString(dims)}`;
}

/** Pack's axis outside [-rank, rank) of the result. */
export function packAxisOutOfRange(axis: number, rank: number): string {
  return `axis = ${axis} not in [${-rank}, ${rank})`;
}

/** tf.stack of nothing. */
export function packNeedsInput(): string {
  return "Pack requires at least one input";
}

/** Fill's value that is not a scalar. */
export function fillValueNotScalar(dims: Dims): string {
  return `value must be a scalar, got shape ${shapeDebugString(dims)}`;
}

/** Fill's dims with a negative entry. */
export function fillNegativeDim(dim: number): string {
  return `dims must be non-negative, got ${dim}`;
}

// --- array: Transpose, ExpandDims, Squeeze ------------------------------------------------------

/** Transpose's perm that is not a vector. */
export function permNotVector(dims: Dims): string {
  return `perm must be rank 1, got shape ${shapeDebugString(dims)}`;
}

/** Transpose's perm of another length than the input's rank. */
export function permSizeMismatch(rank: number, size: number): string {
  return `transpose expects a vector of size ${rank}. But input(1) is a vector of size ${size}`;
}

/** Transpose's perm naming an axis the input does not have. */
export function permEntryOutOfRange(entry: number, rank: number): string {
  return `${entry} is out of range [0 .. ${rank})`;
}

/** Transpose's perm leaving out an axis. */
export function permMissingAxis(axis: number, perm: readonly number[]): string {
  return `${axis} is missing from {${perm.join(",")}}.`;
}

/** ExpandDims's axis outside [-rank-1, rank]. */
export function expandDimsOutOfRange(axis: number, rank: number): string {
  return `Tried to expand dim index ${axis} for tensor with ${rank} dimensions.`;
}

/** Squeeze's axis outside [-rank, rank). */
export function squeezeDimOutOfRange(axis: number, rank: number): string {
  return `Tried to squeeze dim index ${axis} for tensor with ${rank} dimensions.`;
}

/** Squeeze's axis whose dimension is not 1. */
export function squeezeDimNotOne(axis: number, dim: number): string {
  return `Can not squeeze dim[${axis}], expected a dimension of 1, got ${dim}`;
}

// --- array: ConcatV2, Slice, StridedSlice ---------------------------------------------------------

/** ConcatV2's axis outside [-rank, rank). */
export function concatAxisOutOfRange(axis: number, rank: number): string {
  return `ConcatOp : Expected concatenating dimensions in the range [${-rank}, ${rank}), but got ${axis}`;
}

/** ConcatV2's inputs of different ranks. */
export function concatRanksDiffer(first: Dims, index: number, dims: Dims): string {
  return `ConcatOp : Ranks of all input tensors should match: shape[0] = ${shapeDebugString(first)} vs. shape[${index}] = ${shapeDebugString(dims)}`;
}

/** ConcatV2's inputs that differ off the concatenation axis. */
export function concatDimensionsDiffer(axis: number, first: Dims, index: number, dims: Dims): string {
  return `ConcatOp : Dimension ${axis} in both shapes must be equal: shape[0] = ${shapeDebugString(first)} vs. shape[${index}] = ${shapeDebugString(dims)}`;
}

/** tf.concat of an empty list. */
export function concatNeedsValues(): string {
  return "List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 2.";
}

/** A slice's begin and size that are not vectors of the input's rank. */
export function sliceArgumentsNotVectors(rank: number, begin: Dims, size: Dims): string {
  return `Expected begin and size arguments to be 1-D tensors of size ${rank}, but got shapes ${shapeDebugString(begin)} and ${shapeDebugString(size)} instead.`;
}

/** A slice of an empty dimension that does not start and end at 0. */
export function sliceOfEmptyDimension(axis: number, begin: number, size: number): string {
  return `Expected begin[${axis}] == 0 (got ${begin}) and size[${axis}] == 0 (got ${size}) when input.dim_size(${axis}) == 0`;
}

/** A slice starting outside [0, dim]. */
export function sliceBeginOutOfRange(axis: number, dim: number, begin: number): string {
  return `Expected begin[${axis}] in [0, ${dim}], but got ${begin}`;
}

/** A slice running past the end of its dimension. */
export function sliceSizeOutOfRange(axis: number, limit: number, size: number): string {
  return `Expected size[${axis}] in [0, ${limit}], but got ${size}`;
}

/** StridedSlice's begin, end and strides that are not vectors of one length. */
export function stridedSliceArgumentsNotVectors(begin: Dims, end: Dims, strides: Dims): string {
  return `Expected begin, end, and strides to be 1D equal size tensors, but got shapes ${shapeDebugString(begin)}, ${shapeDebugString(end)}, and ${shapeDebugString(strides)} instead.`;
}

/** A strided slice with two ellipses. */
export function multipleEllipses(): string {
  return "Multiple ellipses in slice spec not allowed";
}

/** A strided slice indexing more dimensions than the input has. */
export function sliceIndexBeyondRank(dim: number, rank: number): string {
  return `Index out of range using input dim ${dim}; input has only ${rank} dims`;
}

/** A strided slice with a zero stride. */
export function zeroStride(axis: number): string {
  return `strides[${axis}] must be non-zero`;
}

/** A strided slice shrinking an axis with a stride other than 1. */
export function shrinkAxisNeedsUnitStride(): string {
  return "only stride 1 allowed on non-range indexing.";
}

/** A strided slice's single index outside its dimension. */
export function sliceIndexOutOfBounds(index: number, axis: number): string {
  return `slice index ${index} of dimension ${axis} out of bounds.`;
}

// --- array: GatherV2, Tile -------------------------------------------------------------------------

/** A gather from a scalar (GatherV2, ResourceGather). */
export function gatherParamsScalar(): string {
  return "params must be at least 1 dimensional";
}

/** An input of lower rank than the op's axis needs. */
export function rankBelowMinimum(minimum: number, rank: number): string {
  return `Shape must be at least rank ${minimum} but is rank ${rank}`;
}

/** GatherV2's batch_dims outside [-rank, rank] of the indices. */
export function batchDimsOutOfRange(batchDims: number, indicesRank: number): string {
  return `Expected batch_dims in the range [${-indicesRank}, ${indicesRank}], but got ${batchDims}`;
}

/** GatherV2's batch_dims not below the params' rank. */
export function batchDimsNotBelowParamsRank(batchDims: number, rank: number): string {
  return `batch_dims (${batchDims}) must be less than rank(params) (${rank}).`;
}

/** GatherV2's batch_dims past its axis. */
export function batchDimsAboveAxis(batchDims: number, axis: number): string {
  return `batch_dims (${batchDims}) must be less than or equal to axis (${axis}).`;
}

/** GatherV2's params and indices that differ in a batch dimension. */
export function batchDimMismatch(axis: number, params: number, indices: number): string {
  return `params.shape[${axis}]: ${params} should be equal to indices.shape[${axis}]: ${indices}`;
}

/** Tile's multiples that are not a vector. */
export function multiplesNotVector(dims: Dims): string {
  return `Expected multiples to be 1-D, but got shape ${shapeDebugString(dims)}`;
}

/** Tile's multiples of another length than the input's rank. */
export function multiplesLengthMismatch(rank: number, length: number): string {
  return `Expected multiples argument to be a vector of length ${rank} but got length ${length}`;
}

/** Tile's negative multiple. */
export function negativeMultiple(axis: number, multiple: number): string {
  return `Expected multiples[${axis}] >= 0, but got ${multiple}`;
}

/** A dtype TensorFlow's CPU Tile has no case for. */
export function tileDtypeNotSupported(dtype: DType, rank: number): string {
  return `TileOp : The input data type is not supported, DataType : ${dtype.name}, Dimension : ${rank}`;
}

// --- array: Pad, PadV2, MirrorPad ------------------------------------------------------------------

/** Paddings that are not an [n, 2] matrix. */
export function paddingsNotMatrix(dims: Dims): string {
  return `paddings must be a matrix with 2 columns: ${shapeDebugString(dims)}`;
}

/** Paddings with another number of rows than the input's rank (`separator`: each op's own). */
export function paddingsRowsNotRank(paddings: Dims, separator: string, input: Dims): string {
  return `The first dimension of paddings must be the rank of inputs${shapeDebugString(paddings)}${separator}${shapeDebugString(input)}`;
}

/** A pad of an input of higher rank than its kernels handle. */
export function padRankNotSupported(maxRank: number, rank: number): string {
  return `inputs rank not in [0,${maxRank}]: ${rank}`;
}

/** PadV2's constant that is not a scalar. */
export function padConstantNotScalar(dims: Dims): string {
  return `constant_values must be a scalar. Found: ${shapeDebugString(dims)}`;
}

/** Pad's negative paddings. */
export function negativePaddings(before: number, after: number): string {
  return `Paddings must be non-negative: ${before} ${after}`;
}

/** MirrorPad's negative paddings (its kernel's own capitalisation). */
export function negativeMirrorPaddings(before: number, after: number): string {
  return `paddings must be non-negative: ${before} ${after}`;
}

/** SYMMETRIC paddings wider than the dimension. */
export function symmetricPaddingsTooLarge(before: number, after: number, dim: number): string {
  return `paddings must be no greater than the dimension size: ${before}, ${after} greater than ${dim}`;
}

/** REFLECT paddings as wide as the dimension or wider. */
export function reflectPaddingsTooLarge(before: number, after: number, dim: number): string {
  return `paddings must be less than the dimension size: ${before}, ${after} not less than ${dim}`;
}

/** tf.pad's mode outside CONSTANT, REFLECT and SYMMETRIC. */
export function unknownPadMode(mode: string): string {
  return `Value of argument \`mode\` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". Received \`mode\` = ${mode}`;
}

// --- array: Range, MatrixDiagV3, MatrixSetDiagV3, eye ---------------------------------------------

/** Range's zero delta. */
export function rangeZeroDelta(delta: number | bigint, dtype: DType): string {
  return `Requires delta != 0: ${tfNumberString(delta, dtype)}`;
}

/** Range counting up from above its limit. */
export function rangeStartAboveLimit(start: number | bigint, limit: number | bigint, dtype: DType): string {
  return `Requires start <= limit when delta > 0: ${tfNumberString(start, dtype)}/${tfNumberString(limit, dtype)}`;
}

/** Range counting down from below its limit. */
export function rangeStartBelowLimit(start: number | bigint, limit: number | bigint, dtype: DType): string {
  return `Requires start >= limit when delta < 0: ${tfNumberString(start, dtype)}/${tfNumberString(limit, dtype)}`;
}

/** Range with more elements than an int64 counts. */
export function rangeTooLarge(): string {
  return "Requires ((limit - start) / delta) <= 9223372036854775807";
}

/** tf.range's start, limit or delta that is not a scalar. */
export function rangeArgumentNotScalar(what: string, dims: Dims): string {
  return atOp(`${what} must be a scalar, not shape ${shapeDebugString(dims)}`, "Range");
}

/** tf.range's start, limit or delta that is not a number. */
export function rangeArgumentNotNumber(what: string): string {
  return atOp(`${what} must be a number`, "Range");
}

/** tf.range's argument of a dtype outside its hierarchy. */
export function rangeDtypeNotSupported(dtype: DType, supported: readonly string[]): string {
  return `Range does not support dtype ${dtype.name}: expected one of ${supported.join(", ")}`;
}

/** MatrixDiagV3's scalar diagonal. */
export function diagonalRankBelowOne(dims: Dims): string {
  return `diagonal must be at least 1-dim, received shape: ${shapeDebugString(dims)}`;
}

/** MatrixSetDiagV3's input that is not a (batch of) matrix. */
export function matrixRankBelowTwo(dims: Dims): string {
  return `input must be at least 2-dim, received shape: ${shapeDebugString(dims)}`;
}

/** MatrixSetDiagV3's diagonal of another shape than the input's diagonal. */
export function diagonalShapeMismatch(want: Dims, got: Dims): string {
  return `diagonal must have shape ${shapeDebugString(want)}, received shape: ${shapeDebugString(got)}`;
}

/** tf.eye's sizes that are not integers. */
export function eyeSizesNotIntegers(numRows: number, numColumns: number): string {
  return `Arguments \`num_rows\` and \`num_columns\` must be positive integer values. Received: num_rows=${numRows}, num_columns=${numColumns}`;
}

// --- linalg -------------------------------------------------------------------------------------------

/** MatMul's operands of different ranks. */
export function matmulRanksDiffer(a: Dims, b: Dims): string {
  return `In[0] and In[1] has different ndims: ${shapeDebugString(a)} vs. ${shapeDebugString(b)}`;
}

/** MatMul's operands that are not matrices. */
export function matmulNotMatrices(rank: number): string {
  return `In[0] and In[1] ndims must be == 2: ${rank}`;
}

/** BatchMatMulV2's operand `index` of rank below 2. */
export function batchMatmulRankBelowTwo(index: 0 | 1, rank: number): string {
  return `In[${index}] ndims must be >= 2: ${rank}`;
}

/** BatchMatMulV2's batch dimensions that do not broadcast. */
export function matmulBatchDimsIncompatible(a: Dims, b: Dims): string {
  return `In[0] and In[1] must have compatible batch dimensions: ${shapeDebugString(a)} vs. ${shapeDebugString(b)}`;
}

/** A matrix product whose inner dimensions differ. */
export function matmulSizeIncompatible(a: Dims, b: Dims): string {
  return `Matrix size-incompatible: In[0]: ${shapeDebugString(a)}, In[1]: ${shapeDebugString(b)}`;
}

/** tf.matmul asked to transpose and to adjoint one operand. */
export function transposeAndAdjoint(operand: "a" | "b"): string {
  return `Only one of \`transpose_${operand}\` and \`adjoint_${operand}\` can be True. ` +
    `Received \`transpose_${operand}\`=True, \`adjoint_${operand}\`=True.`;
}

// --- reduce ---------------------------------------------------------------------------------------------

/** A reduction axis outside [-rank, rank). */
export function invalidReductionDimension(axis: number, rank: number): string {
  return `Invalid reduction dimension (${axis} for input with ${rank} dimension(s)`;
}

/** ArgMax/ArgMin's axis outside [-rank, rank). */
export function argAxisOutOfRange(axis: number, rank: number): string {
  // C++ prints -0 as 0.
  return `Expected dimension in the range [${rank === 0 ? 0 : -rank}, ${rank}), but got ${axis}`;
}

/** ArgMax/ArgMin along an empty axis. */
export function emptyReductionAxis(axis: number, dims: Dims): string {
  return `Reduction axis ${axis} is empty in shape ${shapeDebugString(dims)}`;
}

// --- resource ops -----------------------------------------------------------------------------------

/** AssignVariableOp with a value of another shape. */
export function assignShapeMismatch(variable: Dims, value: Dims): string {
  return `Trying to assign to variable with tensor with wrong shape. Expected ${shapeDebugString(variable)} got ${shapeDebugString(value)}`;
}

/** AssignAdd/AssignSubVariableOp with a delta of another shape. */
export function updateShapeMismatch(variable: Dims, delta: Dims): string {
  return `Cannot update variable with shape ${shapeDebugString(variable)} using a Tensor with shape ${shapeDebugString(delta)}, shapes must be equal.`;
}

/** A row scatter into a scalar variable. */
export function scatterParamsScalar(dims: Dims): string {
  return `params must be at least 1-D, got shape ${shapeDebugString(dims)}`;
}

/** A row scatter's updates of another shape than the rows they address. */
export function scatterUpdatesShapeMismatch(updates: Dims, indices: Dims, params: Dims): string {
  return `Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape ${shapeDebugString(updates)}, ` +
    `indices.shape ${shapeDebugString(indices)}, params.shape ${shapeDebugString(params)}`;
}

/** N-d indices that are a scalar. */
export function ndIndicesScalar(dims: Dims): string {
  return `indices must be at least a vector, got shape ${shapeDebugString(dims)}`;
}

/** N-d index tuples longer than the params' rank. */
export function ndIndexTooLong(length: number, rank: number): string {
  return `index innermost dimension length must be <= params rank; saw: ${length} vs. ${rank}`;
}

/** An N-d scatter's updates of another shape than the slices they address. */
export function scatterNdUpdatesShapeMismatch(indices: Dims, batch: Dims, updates: Dims, k: number, params: Dims): string {
  const n = batch.length;
  return `Dimensions [0,${n}) of indices[shape=${shapeDebugString(indices)}] = ${shapeDebugString(batch)} ` +
    `must match dimensions [0,${n}) of updates[shape=${shapeDebugString(updates)}] = ` +
    `${shapeDebugString(updates.slice(0, n))}, and the remaining dimensions must be params.shape[${k}:] = ${shapeDebugString(params.slice(k))}`;
}

/** gather_nd from a scalar variable. */
export function gatherNdParamsScalar(): string {
  return "params must be at least a vector";
}

// --- variables -------------------------------------------------------------------------------------

/** A synchronization mode that is not a VariableSynchronization. */
export function invalidSynchronization(mode: string, variableName: string): string {
  return `Invalid variable synchronization mode: ${mode} for variable: ${variableName}`;
}

/** An aggregation mode that is not a VariableAggregation. */
export function invalidAggregation(mode: string, variableName: string): string {
  return `Invalid variable aggregation mode: ${mode} for variable: ${variableName}`;
}

/** A variable's constraint that is not a function. */
export function constraintNotCallable(received: string): string {
  return `The \`constraint\` argument must be a callable. Received: ${received}`;
}

/** A variable's initial value that does not fit its declared shape. */
export function initialValueShapeIncompatible(value: TensorShape, declared: TensorShape): string {
  return `The initial value's shape (${value}) is not compatible with the explicitly supplied \`shape\` argument (${declared}).`;
}

/** A disposed variable used (by the op `opName`, when an op was about to run). */
export function variableDisposed(variableName: string, opName?: string): string {
  const message = `Could not find variable ${variableName}. This could mean that the variable has been deleted (disposed).`;
  return opName === undefined ? message : atOp(message, opName);
}

/** set_shape with a shape incompatible with the current one. */
export function shapesNotCompatible(current: TensorShape, requested: TensorShape): string {
  return `Shapes ${current} and ${requested} are not compatible`;
}

/** A variable converted to another dtype than its own. */
export function variableConversionDtypeMismatch(want: DType, have: DType, variableRepr: string): string {
  return `Incompatible type conversion requested to type ${want.name} for \`tf.Variable of type ${have.name}. (Variable: ${variableRepr})`;
}

/** An assign of a value whose shape the variable's static shape does not allow. */
export function assignShapeIncompatible(variableName: string, declared: TensorShape, value: TensorShape): string {
  return `Cannot assign to variable ${variableName} due to variable shape ${declared} and value shape ${value} are incompatible`;
}

/** A scatter's sparse_delta that is not a tf.IndexedSlices. */
export function sparseDeltaNotIndexedSlices(received: string): string {
  return `sparse_delta is not IndexedSlices: ${received}`;
}

/** batch_scatter_update's indices of rank 0 or above the variable's. */
export function batchScatterIndicesRank(rank: number, variableRank: number): string {
  return `Indices rank ${rank} must be at least 1 and at most the variable's rank ${variableRank}`;
}

/** batch_scatter_update's indices whose batch dimensions differ from the variable's. */
export function batchScatterOuterDimsMismatch(count: number, indices: TensorShape, variable: TensorShape): string {
  return `The outer ${count} dimensions of indices.shape=${indices} must match the outer ${count} dimensions of var.shape=${variable}.`;
}

// --- gradient tapes -----------------------------------------------------------------------------

/** A second gradient() or jacobian() on a non-persistent tape. */
export function tapeAlreadyUsed(): string {
  return "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)";
}

/** unconnected_gradients other than "none" and "zero". */
export function unknownUnconnectedGradients(value: string): string {
  return `Unknown value for unconnected_gradients: '${value}'`;
}

/** output_gradients of another length than the targets. */
export function outputGradientsLengthMismatch(given: number, targets: number): string {
  return `Length of output_gradients (${given}) does not match the number of targets (${targets})`;
}

/** A recorded op with no gradient registered. */
export function noGradientRegistered(opName: string): string {
  return `gradient registry has no entry for: ${opName}`;
}

/** batch_jacobian's target and source with different first dimensions. */
export function batchJacobianFirstDimMismatch(target: TensorShape, source: TensorShape): string {
  return `Need first dimension of target shape (${target}) and source shape (${source}) to match.`;
}

/** gradient() sources that are not tensors, variables, or arrays and objects of them. */
export function invalidSources(received: string): string {
  return `Expected a tensor, a variable, or arrays/objects of them as sources, got ${received}`;
}

// --- name scopes ---------------------------------------------------------------------------------

/** tf.nameScope of a non-string. */
export function nameScopeNotString(): string {
  return "name for name_scope must be a string.";
}

/** tf.nameScope of a name outside TensorFlow's pattern. */
export function invalidScopeName(name: string): string {
  return `'${name}' is not a valid scope name. A scope name has to match the following pattern: ^[A-Za-z0-9_.\\\\-/>]*$`;
}

// --- conversion of values to tensors ---------------------------------------------------------------

/** convert_to_tensor of a tensor to another dtype. */
export function tensorConversionDtypeMismatch(want: DType, have: DType, tensorRepr: string): string {
  return `Tensor conversion requested dtype ${want.name} for Tensor with dtype ${have.name}: ${tensorRepr}`;
}

/** tf.constant with a shape its value neither has nor fills. */
export function constantShapeMismatch(tensorRepr: string, valueRepr: string, elements: number, shape: TensorShape, shapeElements: number | null): string {
  return `Eager execution of tf.constant with unsupported shape. Tensor ${tensorRepr} (converted from ${valueRepr}) ` +
    `has ${elements} elements, but got \`shape\` ${shape} with ${shapeElements} elements).`;
}

/** A JS value of a type no tensor holds. */
export function unsupportedValueType(valueRepr: string, typeName: string): string {
  return `Attempt to convert a value (${valueRepr}) with an unsupported type (<class '${typeName}'>) to a Tensor.`;
}

/** A nested array whose rows differ in length or depth. */
export function nonRectangularSequence(): string {
  return "Can't convert non-rectangular Python sequence to Tensor.";
}

/** A nested array mixing value types. */
export function mixedTypeSequence(): string {
  return "Can't convert Python sequence with mixed types to Tensor.";
}

/** An integer outside int64 (uint64). */
export function integerOutOfRange(): string {
  return "Can't convert Python sequence with out-of-range integer to Tensor.";
}

/** A number that overflows the requested floating dtype. */
export function doubleOutOfRange(): string {
  return "Can't convert Python sequence with a value out of range for a double-precision float.";
}

/** An integer outside int32 where int32 was tried. */
export function int32OutOfRange(): string {
  return "Can't convert Python sequence with out-of-range integer to int32 Tensor.";
}

/** A fractional number where an integer dtype was tried. */
export function floatInIntegerSequence(): string {
  return "Can't convert Python sequence with floating point values to integer Tensor.";
}

/** A requested dtype JS values are never converted to directly. */
export function noConversionFor(dtypeName: string): string {
  return `Missing Python -> Tensor conversion for ${dtypeName}`;
}

/** A value whose inferred dtype the requested one cannot be cast from. */
export function cannotConvertToDtype(valueRepr: string, dtype: DType): string {
  return `Cannot convert ${valueRepr} to EagerTensor of dtype ${dtype.name}`;
}

/** OpKernelContext::ValidateInputsAreSameShape: an elementwise kernel that does not broadcast. */
export function inputsNotSameShape(opName: string, first: Dims, index: number, dims: Dims): string {
  return `Inputs to operation ${opName} of type ${opName} must have the same size and shape.  Input 0: ${shapeDebugString(first)} != input ${index}: ${shapeDebugString(dims)}`;
}
