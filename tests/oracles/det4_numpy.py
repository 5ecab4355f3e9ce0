#!/usr/bin/python3
"""Independent oracle for the landmark refinement stage (MTCNNv2's LNet, kpzhang93 det4).

Recomputes every refined keypoint from the plain (unrefined) output as the authors' MATLAB
detect_face.m does in its "extended stage", with a numpy forward pass of LNet written here
from the *Caffe* blobs in Caffe's own (transposed) convention, and compares it with our
detector's refined output. It deliberately does not read weights/lnet.safetensors or reuse
the converter's layout changes, so a layout slip there shows up here.

The rules, per face (box [x1, y1, w, h] with w = x2 - x1, h = y2 - y1):
  patchw = fix(0.25 * max(w + 1, h + 1)), plus 1 when odd;
per landmark (px, py) in the order left_eye, right_eye, nose, mouth_left, mouth_right:
  x = fix(px - patchw/2), y = fix(py - patchw/2); the 1-based window [x, x + patchw] x
  [y, y + patchw] is cut from the image into a zero float64 (patchw+1)^2 buffer, resized to
  24x24 with cv2 INTER_AREA in float64, normalised (v - 127.5) * 0.0078125, cast to float32;
LNet (five patches, 15 channels, each patch transposed to Caffe's (c, x, y)) gives (o1, o2)
per landmark; if |o1 - 0.5| > 0.35 or |o2 - 0.5| > 0.35 both become 0.5; then
  x' = px - patchw/2 + o1 * patchw,  y' = py - patchw/2 + o2 * patchw.
A landmark whose window holds no image pixel stays where it is (as our detector does).

Usage:
  det4_numpy.py --image IMG.png --plain PLAIN.json --refined REFINED.json [--tolerance 1e-4]
  det4_numpy.py --image IMG.png --plain PLAIN.json [--expected-out OUT.json]   (predict only)
  det4_numpy.py --self-check [--samples N]   (forward pass vs cv2.dnn on the same Caffe files)
PLAIN/REFINED are mtcnn-cli `detect IMG --json` outputs for that one image. A refined point
passes when it is within the tolerance (px) plus half a float32 ulp of its value (the file's
float32 rounding). Prints a JSON summary; exits 1 when the comparison fails, 2 on bad usage
or unreadable input.
"""
import argparse
import json
import os
import sys

try:
    import numpy as np
    import cv2
except ImportError:  # the pyenv python3 on PATH lacks numpy/cv2; Debian's has them
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'tools'))
import caffemodel  # noqa: E402  (the blob reader only, no layout conversion)

CAFFE_DIR = os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'weights', 'kpzhang93-caffe')
LANDMARKS = ('left_eye', 'right_eye', 'nose', 'mouth_left', 'mouth_right')
MOST_MOVE = 0.35
PATCH = 24


class UsageError(Exception):
    pass


# ---------------------------------------------------------------- LNet, Caffe convention
# Tensors are NCHW as in Caffe, and the image is transposed: H = image x, W = image y.

def conv(x, w, b):
    """Valid, stride-1 cross-correlation. x (N, C, H, W), w (O, C, kh, kw)."""
    kh, kw = w.shape[2:]
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))  # N C Ho Wo kh kw
    return np.einsum('nchwij,ocij->nohw', windows, w, optimize=True) + b[None, :, None, None]


def prelu(x, alpha):
    a = alpha.reshape((1, -1) + (1,) * (x.ndim - 2))
    return np.where(x > 0, x, x * a)


def max_pool(x, k, s):
    """Caffe max pooling without padding: ceil-mode output size, windows clipped at the end."""
    n, c, h, w = x.shape

    def out_size(size):
        out = -(-(size - k) // s) + 1
        return out - 1 if (out - 1) * s >= size else out  # Caffe drops a window starting past the end

    ho, wo = out_size(h), out_size(w)
    y = np.empty((n, c, ho, wo), x.dtype)
    for i in range(ho):
        for j in range(wo):
            y[:, :, i, j] = x[:, :, i * s:min(i * s + k, h), j * s:min(j * s + k, w)].max(axis=(2, 3))
    return y


def inner_product(x, w, b):
    """Caffe InnerProduct: input flattened in C order (c, h, w), weight [out, in]."""
    return x.reshape(x.shape[0], -1) @ w.T + b


class CaffeLnet(object):
    """LNet from det4.caffemodel's blobs, computed in float64."""

    def __init__(self, caffe_dir=CAFFE_DIR):
        layers = caffemodel.read_caffemodel(os.path.join(caffe_dir, 'det4.caffemodel'))
        self.p = {name: [b.astype(np.float64) for b in blobs] for name, blobs in layers.items() if blobs}

    def forward(self, data):
        """data (N, 15, 24, 24) in Caffe's layout -> (N, 5, 2): fc5_1 .. fc5_5."""
        p = self.p
        data = np.asarray(data, np.float64)
        branches = []
        for b in range(1, 6):
            x = data[:, 3 * (b - 1):3 * b]                       # the Slice layer
            x = max_pool(prelu(conv(x, *p['conv1_%d' % b]), *p['prelu1_%d' % b]), 3, 2)
            x = max_pool(prelu(conv(x, *p['conv2_%d' % b]), *p['prelu2_%d' % b]), 3, 2)
            branches.append(prelu(conv(x, *p['conv3_%d' % b]), *p['prelu3_%d' % b]))
        x = np.concatenate(branches, axis=1)                     # (N, 320, 3, 3)
        x = prelu(inner_product(x, *p['fc4']), *p['prelu4'])
        out = []
        for b in range(1, 6):
            y = prelu(inner_product(x, *p['fc4_%d' % b]), *p['prelu4_%d' % b])
            out.append(inner_product(y, *p['fc5_%d' % b]))
        return np.stack(out, axis=1)


# ---------------------------------------------------------------- extended stage rules

def fix(v):
    return float(np.fix(v))


def patch_side(box):
    """patchw of a face from its [x1, y1, w, h] box (w = x2 - x1)."""
    side = int(fix(0.25 * max(box[2] + 1.0, box[3] + 1.0)))
    return side + 1 if side % 2 else side


def crop_patch(rgb, x, y, side):
    """The 1-based window [x, x + side] x [y, y + side] (0-based pixels x-1 .. x+side-1) in a zero
    float64 buffer, resized to 24x24 (INTER_AREA, float64), normalised, float32 (y, x, c).
    None when the window holds no image pixel."""
    h, w = rgb.shape[:2]
    size = side + 1
    x0, y0 = int(x) - 1, int(y) - 1                              # 0-based top-left
    sx0, sx1 = max(x0, 0), min(x0 + size, w)
    sy0, sy1 = max(y0, 0), min(y0 + size, h)
    if sx0 >= sx1 or sy0 >= sy1:
        return None
    buf = np.zeros((size, size, 3), np.float64)
    buf[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = rgb[sy0:sy1, sx0:sx1]
    buf = cv2.resize(buf, (PATCH, PATCH), interpolation=cv2.INTER_AREA)
    return ((buf - 127.5) * 0.0078125).astype(np.float32)


def refine_faces(rgb, faces, net):
    """Per face, per landmark: dict(plain, expected, out, held, outside, side)."""
    results = []
    for face in faces:
        side = patch_side(face['box'])
        data = np.zeros((1, 15, PATCH, PATCH), np.float32)
        points, inside = [], []
        for k, name in enumerate(LANDMARKS):
            px, py = (float(v) for v in face['keypoints'][name])
            points.append((px, py))
            patch = crop_patch(rgb, fix(px - 0.5 * side), fix(py - 0.5 * side), side)
            inside.append(patch is not None)
            if patch is not None:
                data[0, 3 * k:3 * k + 3] = patch.transpose(2, 1, 0)  # (y, x, c) -> Caffe (c, x, y)
        out = net.forward(data)[0]
        face_result = []
        for k, (px, py) in enumerate(points):
            o1, o2 = float(out[k, 0]), float(out[k, 1])
            held = abs(o1 - 0.5) > MOST_MOVE or abs(o2 - 0.5) > MOST_MOVE
            f1, f2 = (0.5, 0.5) if held else (o1, o2)
            if inside[k]:
                expected = (px - 0.5 * side + f1 * side, py - 0.5 * side + f2 * side)
            else:
                expected = (px, py)
            face_result.append({'plain': (px, py), 'expected': expected, 'out': (o1, o2), 'held': held,
                                'outside': not inside[k], 'side': side,
                                'rule_margin': abs(max(abs(o1 - 0.5), abs(o2 - 0.5)) - MOST_MOVE)})
        results.append(face_result)
    return results


# ---------------------------------------------------------------- I/O and checks

def load_faces(path):
    try:
        with open(path) as f:
            doc = json.load(f)
        if len(doc) != 1:
            raise ValueError('%d images' % len(doc))
        faces = doc[0]['faces']
        for face in faces:
            for name in LANDMARKS:
                if len(face['keypoints'][name]) != 2:
                    raise ValueError('keypoint %s' % name)
            if len(face['box']) != 4:
                raise ValueError('box')
        return faces
    except (OSError, ValueError, KeyError, IndexError, TypeError) as e:
        raise UsageError('%s: not a single-image mtcnn-cli --json output (%s)' % (path, e))


def load_rgb(path):
    bgr = cv2.imread(path, cv2.IMREAD_COLOR) if os.path.isfile(path) else None
    if bgr is None:  # (IMREAD_COLOR: grey -> 3 channels, alpha dropped, as stbi_load(.., 3) does)
        raise UsageError('cannot read image %s' % path)
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def same_detections(plain, refined):
    """Problems when refinement changed anything but the keypoints."""
    if len(plain) != len(refined):
        return ['%d faces plain, %d refined' % (len(plain), len(refined))]
    problems = []
    for i, (a, b) in enumerate(zip(plain, refined)):
        if a['box'] != b['box'] or a['confidence'] != b['confidence']:
            problems.append('face %d: box/confidence differ (%s %s vs %s %s)'
                            % (i, a['box'], a['confidence'], b['box'], b['confidence']))
    return problems


def check(args):
    rgb = load_rgb(args.image)
    plain = load_faces(args.plain)
    refined = load_faces(args.refined) if args.refined else None
    results = refine_faces(rgb, plain, CaffeLnet(args.caffe_dir))

    points = [p for face in results for p in face]
    moves = [max(abs(p['expected'][0] - p['plain'][0]), abs(p['expected'][1] - p['plain'][1])) for p in points]
    summary = {
        'image': args.image,
        'faces': len(results),
        'points': len(points),
        'points_moved': sum(1 for m in moves if m > 0),
        'points_held_by_move_rule': sum(1 for p in points if p['held'] and not p['outside']),
        'points_outside_image': sum(1 for p in points if p['outside']),
        'max_move_px': max(moves) if moves else 0.0,
        'min_move_rule_margin': min((p['rule_margin'] for p in points if not p['outside']), default=None),
        'patch_sides': sorted({p['side'] for p in points}),
    }
    if args.expected_out:
        faces = []
        for face, res in zip(plain, results):
            kp = {name: [res[k]['expected'][0], res[k]['expected'][1]] for k, name in enumerate(LANDMARKS)}
            faces.append(dict(face, keypoints=kp))
        with open(args.expected_out, 'w') as f:
            json.dump([{'faces': faces, 'file': args.image}], f)

    ok = True
    if refined is not None:
        problems = same_detections(plain, refined)
        worst, worst_fraction, diffs = 0.0, 0.0, []
        if not problems:
            for i, (face, res) in enumerate(zip(refined, results)):
                for k, name in enumerate(LANDMARKS):
                    got = [float(v) for v in face['keypoints'][name]]
                    d = max(abs(got[0] - res[k]['expected'][0]), abs(got[1] - res[k]['expected'][1]))
                    worst = max(worst, d)
                    if res[k]['side'] > 0:  # the same error as a fraction of the patch, i.e. in LNet's output
                        worst_fraction = max(worst_fraction, d / res[k]['side'])
                    # the refined file holds float32 values: their rounding comes on top of the tolerance
                    storage = 0.5 * max(float(np.spacing(np.float32(abs(v)))) for v in got)
                    if d > args.tolerance + storage:
                        diffs.append({'face': i, 'landmark': name, 'got': got, 'expected': list(res[k]['expected']),
                                      'lnet_out': list(res[k]['out']), 'held': res[k]['held']})
        ok = not problems and not diffs
        summary.update({'tolerance': args.tolerance, 'max_diff': worst, 'max_diff_per_patch_side': worst_fraction,
                        'ok': ok,
                        'problems': problems, 'mismatches': diffs[:20], 'mismatch_count': len(diffs)})
    print(json.dumps(summary, indent=1))
    return 0 if ok else 1


def self_check(args):
    """Our forward pass vs cv2.dnn's Caffe importer on the same det4 files."""
    ours = CaffeLnet(args.caffe_dir)
    net = cv2.dnn.readNetFromCaffe(os.path.join(args.caffe_dir, 'det4.prototxt'),
                                   os.path.join(args.caffe_dir, 'det4.caffemodel'))
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
    rng = np.random.default_rng(4)
    # the normalised pixel range [-1, 1], and a wider one that drives more units negative
    inputs = {'uniform': rng.uniform(-1, 1, (args.samples, 15, PATCH, PATCH)),
              'normal_x3': rng.normal(0, 3, (args.samples, 15, PATCH, PATCH))}
    report, ok = {'samples': args.samples}, True
    for name, x in inputs.items():
        x = x.astype(np.float32)
        net.setInput(x)
        theirs = np.stack([o.reshape(-1, 2) for o in net.forward(['fc5_%d' % b for b in range(1, 6)])], axis=1)
        mine = ours.forward(x)
        diff = float(np.abs(mine - theirs).max())
        report[name] = {'max_abs_diff': diff, 'output_range': [float(mine.min()), float(mine.max())]}
        ok = ok and diff <= args.tolerance
    report['tolerance'] = args.tolerance
    report['ok'] = ok
    print(json.dumps(report, indent=1))
    return 0 if ok else 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--image', help='the PNG both outputs were computed from')
    ap.add_argument('--plain', help='mtcnn-cli --json output without refinement')
    ap.add_argument('--refined', help='mtcnn-cli --json output with refinement')
    ap.add_argument('--tolerance', type=float, default=1e-4, help='max |diff| in px (self-check: in LNet outputs)')
    ap.add_argument('--expected-out', help="write the oracle's refined faces (mtcnn-cli JSON shape)")
    ap.add_argument('--self-check', action='store_true', help='compare the forward pass with cv2.dnn')
    ap.add_argument('--samples', type=int, default=64, help='self-check inputs per distribution')
    ap.add_argument('--caffe-dir', default=CAFFE_DIR, help='folder with det4.prototxt/.caffemodel')
    args = ap.parse_args(argv)
    try:
        if args.self_check:
            return self_check(args)
        if not args.image or not args.plain:
            ap.error('--image and --plain are required (or --self-check)')
        return check(args)
    except UsageError as e:
        sys.stderr.write('det4_numpy.py: %s\n' % e)
        return 2


if __name__ == '__main__':
    sys.exit(main())
