// Gradients of convolution and pooling, as TensorFlow's nn_grad.py: a convolution's input
// gradient is its BackpropInput op and its filter gradient its BackpropFilter op; each
// backprop's gradients are the other backprop and the forward convolution. MaxPool's gradient
// is MaxPoolGrad (to the first maximum of each window), whose gradient is MaxPoolGradGrad;
// AvgPool's is AvgPoolGrad, whose gradient is AvgPool again.
import {
  AvgPool, AvgPool3D, AvgPool3DGrad, AvgPoolGrad, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, Conv3D,
  Conv3DBackpropFilterV2, Conv3DBackpropInputV2, DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput, MaxPool3DGrad, MaxPool3DGradGrad, MaxPoolGrad, MaxPoolGradGrad,
  MaxPoolGradGradWithArgmax, MaxPoolGradWithArgmax,
  type AvgPoolGradAttrs, type ConvAttrs, type nnConvOps, type PoolAttrs, type PoolWithArgmaxAttrs,
} from "../../ops/nn_conv.js";
import type { OpDef } from "../../ops/op_def.js";
import { execute1 } from "../../runtime/execute.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";
import { zerosLikeForGradient } from "./gradient_helpers.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyConvOp = OpDef<any, any>;

/** The convolution attributes alone (a backprop's attrs also carry its sizes). */
function convAttrs(a: ConvAttrs): ConvAttrs {
  return { strides: a.strides, padding: a.padding, explicitPaddings: a.explicitPaddings, dataFormat: a.dataFormat, dilations: a.dilations };
}

interface ConvFamily { forward: AnyConvOp; input: AnyConvOp; filter: AnyConvOp }

function convGradients(f: ConvFamily): { forward: GradientFn<ConvAttrs>; input: GradientFn<ConvAttrs>; filter: GradientFn<ConvAttrs> } {
  return {
    // y = conv(x, w): dx = BackpropInput(shape(x), w, dy), dw = BackpropFilter(x, shape(w), dy).
    forward: ({ inputs: [x, w], attrs }, [dy]) => {
      const a = convAttrs(attrs);
      return [
        execute1(f.input, [w!, dy!], { ...a, inputSizes: x!.dims }),
        execute1(f.filter, [x!, dy!], { ...a, filterSizes: w!.dims }),
      ];
    },
    // dx = BackpropInput(w, g): dw = BackpropFilter(grad, shape(w), g), dg = conv(grad, w).
    input: ({ inputs: [w, g], attrs }, [dy]) => {
      const a = convAttrs(attrs);
      return [execute1(f.filter, [dy!, g!], { ...a, filterSizes: w!.dims }), execute1(f.forward, [dy!, w!], a)];
    },
    // dw = BackpropFilter(x, g): dx = BackpropInput(shape(x), grad, g), dg = conv(x, grad).
    filter: ({ inputs: [x, g], attrs }, [dy]) => {
      const a = convAttrs(attrs);
      return [execute1(f.input, [dy!, g!], { ...a, inputSizes: x!.dims }), execute1(f.forward, [x!, dy!], a)];
    },
  };
}

const conv2d = convGradients({ forward: Conv2D, input: Conv2DBackpropInput, filter: Conv2DBackpropFilter });
const conv3d = convGradients({ forward: Conv3D, input: Conv3DBackpropInputV2, filter: Conv3DBackpropFilterV2 });
const depthwise = convGradients({ forward: DepthwiseConv2dNative, input: DepthwiseConv2dNativeBackpropInput, filter: DepthwiseConv2dNativeBackpropFilter });

function poolAttrs(a: PoolAttrs): PoolAttrs {
  return { ksize: a.ksize, strides: a.strides, padding: a.padding, explicitPaddings: a.explicitPaddings, dataFormat: a.dataFormat };
}

const avgPoolGradient = (grad: AnyConvOp): GradientFn<PoolAttrs> => ({ inputs: [x], attrs }, [dy]) =>
  [execute1(grad, [dy!], { ...poolAttrs(attrs), origInputShape: x!.dims })];
const avgPoolGradGradient = (forward: AnyConvOp): GradientFn<AvgPoolGradAttrs> => ({ attrs }, [dy]) =>
  [execute1(forward, [dy!], poolAttrs(attrs))];

function argmaxAttrs(a: PoolWithArgmaxAttrs): PoolWithArgmaxAttrs {
  return { ...poolAttrs(a), targmax: a.targmax, includeBatchInIndex: a.includeBatchInIndex };
}

export const nnConvGradients: GradientTable<typeof nnConvOps> = {
  Conv2D: conv2d.forward,
  Conv2DBackpropInput: conv2d.input,
  Conv2DBackpropFilter: conv2d.filter,
  Conv3D: conv3d.forward,
  Conv3DBackpropInputV2: conv3d.input,
  Conv3DBackpropFilterV2: conv3d.filter,
  DepthwiseConv2dNative: depthwise.forward,
  DepthwiseConv2dNativeBackpropInput: depthwise.input,
  DepthwiseConv2dNativeBackpropFilter: depthwise.filter,
  MaxPool: ({ inputs: [x], outputs: [y], attrs }, [dy]) => [execute1(MaxPoolGrad, [x!, y!, dy!], poolAttrs(attrs))],
  MaxPoolGrad: ({ inputs: [x, y], attrs }, [dy]) =>
    [zerosLikeForGradient(x!), zerosLikeForGradient(y!), execute1(MaxPoolGradGrad, [x!, y!, dy!], poolAttrs(attrs))],
  MaxPoolGradGrad: ({ inputs: [x, y], attrs }, [dy]) =>
    [zerosLikeForGradient(x!), zerosLikeForGradient(y!), execute1(MaxPoolGrad, [x!, y!, dy!], poolAttrs(attrs))],
  // The argmax output has no gradient; the grad ops' argmax input neither.
  MaxPoolWithArgmax: ({ inputs: [x], outputs: [, argmax], attrs }, [dy]) =>
    [execute1(MaxPoolGradWithArgmax, [x!, dy!, argmax!], argmaxAttrs(attrs))],
  MaxPoolGradWithArgmax: ({ inputs: [x, , argmax], attrs }, [dy]) =>
    [zerosLikeForGradient(x!), execute1(MaxPoolGradGradWithArgmax, [x!, dy!, argmax!], argmaxAttrs(attrs)), null],
  MaxPoolGradGradWithArgmax: ({ inputs: [x, , argmax], attrs }, [dy]) =>
    [zerosLikeForGradient(x!), execute1(MaxPoolGradWithArgmax, [x!, dy!, argmax!], argmaxAttrs(attrs)), null],
  AvgPool: avgPoolGradient(AvgPoolGrad),
  AvgPoolGrad: avgPoolGradGradient(AvgPool),
  MaxPool3D: ({ inputs: [x], outputs: [y], attrs }, [dy]) => [execute1(MaxPool3DGrad, [x!, y!, dy!], poolAttrs(attrs))],
  MaxPool3DGrad: ({ inputs: [x, y], attrs }, [dy]) =>
    [zerosLikeForGradient(x!), zerosLikeForGradient(y!), execute1(MaxPool3DGradGrad, [x!, y!, dy!], poolAttrs(attrs))],
  MaxPool3DGradGrad: ({ inputs: [x, y], attrs }, [dy]) =>
    [zerosLikeForGradient(x!), zerosLikeForGradient(y!), execute1(MaxPool3DGrad, [x!, y!, dy!], poolAttrs(attrs))],
  AvgPool3D: avgPoolGradient(AvgPool3DGrad),
  AvgPool3DGrad: avgPoolGradGradient(AvgPool3D),
};
