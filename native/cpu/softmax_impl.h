// The float32 row kernels of softmax.cc, compiled once per instruction set: softmax.cc includes
// this file three times, in namespaces TSFLOW_SOFTMAX_NS, under GCC target pragmas. The loops
// are written in blocks of 16 lanes, with no calls, so that the compiler vectorizes them.
//
// exp(x) for x <= 0 (shifted logits): x = n ln2 + r with |r| <= ln2/2, a degree-6 polynomial
// for e^r (Cephes' expf coefficients; about 1 ulp), times 2^n built in the exponent bits.
// Below -87.3 the result is 0 (float32's normal range ends there; TensorFlow would give a
// subnormal, below 1e-38 of a row's sum of at least 1). NaN stays NaN.
namespace tsflow {
namespace TSFLOW_SOFTMAX_NS {

constexpr int kLanes = 16;

inline float ExpNonPositive(float x) {
  const float t = x < -87.33654f ? -87.33654f : x;
  const float n = __builtin_floorf(t * 1.44269504088896341f + 0.5f);
  const float r = (t - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  __builtin_memcpy(&scale, &bits, 4);
  const float e = p * scale;
  return x < -87.33654f ? 0.0f : (x != x ? x : e);
}

inline float Max(const float* x, int64_t n) {
  float acc[kLanes];
  for (int k = 0; k < kLanes; k++) acc[k] = -__builtin_inff();
  int64_t j = 0;
  bool nan = false;
  for (; j + kLanes <= n; j += kLanes) {
    for (int k = 0; k < kLanes; k++) {
      const float v = x[j + k];
      nan |= v != v;
      acc[k] = v > acc[k] ? v : acc[k];
    }
  }
  float m = -__builtin_inff();
  for (int k = 0; k < kLanes; k++) m = acc[k] > m ? acc[k] : m;
  for (; j < n; j++) { nan |= x[j] != x[j]; m = x[j] > m ? x[j] : m; }
  return nan ? __builtin_nanf("") : m;
}

// e[j] = exp(x[j] - m) and shifted[j] = x[j] - m (when shifted is not null); returns sum(e) in double.
inline double ShiftedExp(const float* x, float m, float* shifted, float* e, int64_t n) {
  double acc[kLanes];
  for (int k = 0; k < kLanes; k++) acc[k] = 0;
  int64_t j = 0;
  for (; j + kLanes <= n; j += kLanes) {
    for (int k = 0; k < kLanes; k++) {
      const float s = x[j + k] - m;
      if (shifted != nullptr) shifted[j + k] = s;
      const float v = ExpNonPositive(s);
      e[j + k] = v;
      acc[k] += v;
    }
  }
  double sum = 0;
  for (int k = 0; k < kLanes; k++) sum += acc[k];
  for (; j < n; j++) {
    const float s = x[j] - m;
    if (shifted != nullptr) shifted[j] = s;
    e[j] = ExpNonPositive(s);
    sum += e[j];
  }
  return sum;
}

// mode 0: softmax into out; 1: log_softmax into out; 2: dense cross-entropy (labels float32
// [rows, depth]); 3: sparse (labels int32 [rows]). Rows [begin, end); scratch holds depth floats.
inline void Rows(int mode, const float* x, const void* labels, float* out, float* loss, int64_t begin, int64_t end,
                 int64_t depth, float* scratch) {
  for (int64_t r = begin; r < end; r++) {
    const float* row = x + r * depth;
    float* o = out + r * depth;
    const float m = Max(row, depth);
    if (mode == 0) {
      const float inv = static_cast<float>(1.0 / ShiftedExp(row, m, nullptr, o, depth));
      for (int64_t j = 0; j < depth; j++) o[j] *= inv;
    } else if (mode == 1) {
      const float ls = static_cast<float>(__builtin_log(ShiftedExp(row, m, o, scratch, depth)));
      for (int64_t j = 0; j < depth; j++) o[j] -= ls;
    } else {
      const double s = ShiftedExp(row, m, scratch, o, depth);
      const float inv = static_cast<float>(1.0 / s);
      const double logS = __builtin_log(s);
      if (mode == 3) {
        const int32_t label = static_cast<const int32_t*>(labels)[r];
        for (int64_t j = 0; j < depth; j++) o[j] *= inv;
        o[label] -= 1.0f;
        loss[r] = static_cast<float>(logS - static_cast<double>(scratch[label]));
      } else {
        const float* l = static_cast<const float*>(labels) + r * depth;
        const float lsf = static_cast<float>(logS);
        float acc[kLanes];
        for (int k = 0; k < kLanes; k++) acc[k] = 0;
        int64_t j = 0;
        for (; j + kLanes <= depth; j += kLanes) {
          for (int k = 0; k < kLanes; k++) {
            acc[k] += l[j + k] * (lsf - scratch[j + k]);
            o[j + k] = o[j + k] * inv - l[j + k];
          }
        }
        double sum = 0;
        for (int k = 0; k < kLanes; k++) sum += acc[k];
        for (; j < depth; j++) {
          sum += l[j] * (lsf - scratch[j]);
          o[j] = o[j] * inv - l[j];
        }
        loss[r] = static_cast<float>(sum);
      }
    }
  }
}

}  // namespace TSFLOW_SOFTMAX_NS
}  // namespace tsflow
