#!/usr/bin/python3
"""OpenCV oracle for aligned face crops (alignFaces): it recomputes every crop independently
with numpy + cv2.warpAffine and compares it with ours, and it makes hard test images.

  variants --image IMG.png --out DIR [--face-box x,y,w,h] [--angle 30] [--cut-x 0.2]
           [--cut-y 0.2] [--tiny-width 24] [--max-keypoint-error 0.1] [--no-check]
      writes DIR/rotated.png (rotated about the image centre, black fill, same size),
      DIR/border.png (cropped so that the left edge cuts the fraction --cut-x of the biggest
      face's width and the top edge the fraction --cut-y of its height; 0.2 and 0.2 put 36% of
      the face outside; 0 on an axis keeps that axis whole) and DIR/tiny.png (INTER_AREA
      downscale, biggest face --tiny-width px wide). The biggest face comes from the reference
      (../shared/reference/mtcnn_ref.py) unless --face-box is given. Then it runs the
      reference on each variant and exits 1 unless it finds the face where it moved to, with
      keypoints within --max-keypoint-error (mean distance / face width, default 0.1) of the
      moved original ones.

  compare --image IMG.png --faces DETS.json --crops DIR [--size N]
          [--template arcface|facenet|'[[x,y],...5]'] [--margin M] [--max-mean-diff 1.0]
      DETS.json is the CLI's `detect --json` output for IMG; our crops are
      DIR/<IMG stem>_<i>.png, RGBA, size x size, i = index of the face in the JSON.
      Prints a JSON summary; exit 0 = all crops match, 1 = a mismatch, 2 = bad usage.

The crop definition (what our C++ must do):
  * arcface / custom template: the least-squares similarity (Umeyama 1991, rotation + uniform
    scale + translation, never a reflection) from the five keypoints (left_eye, right_eye, nose,
    mouth_left, mouth_right) to the five template points, then
    cv2.warpAffine(rgb, M, (size, size), INTER_LINEAR, BORDER_CONSTANT, 0) on the RGB image
    (integer coordinates are pixel centres). arcface = insightface's 112x112 points scaled by
    size/112 (default size 112); a custom template is five points in output pixels (default
    size 112). A margin m maps each template point p to p * (size - m) / size + m / 2.
  * facenet (default size 160): facenet-pytorch's extract_face box crop without its int
    truncation and image clamping: the box (x1, y1, w, h) grows by m * w / (size - m) and
    m * h / (size - m) (half on each side) and its edges map onto the crop's edges.
  * alpha is 255 everywhere; RGB is black where the source is outside the image.
"""
import argparse
import json
import os
import subprocess
import sys

try:
    import numpy as np
    import cv2
except ImportError:  # the pyenv python3 on PATH lacks numpy/cv2; Debian's has them
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('MTCNN_SHARED', os.path.join(HERE, '..', '..', '..', 'shared'))
REFERENCE = os.path.join(SHARED, 'reference', 'mtcnn_ref.py')

KEYPOINTS = ('left_eye', 'right_eye', 'nose', 'mouth_left', 'mouth_right')
# insightface's ArcFace template for a 112x112 crop, in KEYPOINTS order.
ARCFACE_112 = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                        [41.5493, 92.3655], [70.7299, 92.2041]])
DEFAULT_SIZE = {'arcface': 112, 'facenet': 160, 'custom': 112}


class UsageError(Exception):
    """Bad arguments or unreadable inputs: exit status 2."""


# ---------------------------------------------------------------- image I/O (cv2 is BGR)

def read_rgb(path):
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    if bgr is None:
        raise UsageError(f'cannot read image {path}')
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def write_rgb(path, rgb):
    if not cv2.imwrite(path, cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)):
        raise UsageError(f'cannot write {path}')


def read_crop(path):
    """Our crop as stored (RGBA expected); None when the file is missing or unreadable."""
    if not os.path.isfile(path):  # cv2.imread would print a warning for it
        return None
    img = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if img is None:
        return None
    if img.ndim == 3 and img.shape[2] == 4:
        return cv2.cvtColor(img, cv2.COLOR_BGRA2RGBA)
    if img.ndim == 3 and img.shape[2] == 3:
        return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    return img  # grey: reported as a wrong layout


# ---------------------------------------------------------------- transforms

def umeyama_similarity(src, dst):
    """2x3 matrix of the least-squares similarity taking the points src onto dst (Umeyama 1991).

    The sign correction d makes U diag(d) Vt a rotation (det +1) whatever the SVD returns, so the
    fit never mirrors the face; with rank-1 (collinear) points it picks the rotation as well.
    """
    src = np.asarray(src, np.float64)
    dst = np.asarray(dst, np.float64)
    mu_src, mu_dst = src.mean(axis=0), dst.mean(axis=0)
    src_c, dst_c = src - mu_src, dst - mu_dst
    var_src = (src_c ** 2).sum() / len(src)
    if not var_src > 0:
        raise ValueError('the keypoints coincide: no similarity transform')
    cov = dst_c.T @ src_c / len(src)
    u, s, vt = np.linalg.svd(cov)
    d = np.array([1.0, 1.0 if np.linalg.det(u) * np.linalg.det(vt) > 0 else -1.0])
    rot = u @ np.diag(d) @ vt
    scale = (s * d).sum() / var_src
    shift = mu_dst - scale * rot @ mu_src
    return np.hstack([scale * rot, shift[:, None]])


def template_points(template, size, margin):
    """The five destination points in output pixels (arcface or custom), margin applied."""
    pts = ARCFACE_112 * (size / 112.0) if template == 'arcface' else np.asarray(template, np.float64)
    return pts * ((size - margin) / size) + margin / 2.0


def facenet_matrix(box, size, margin):
    """Axis-aligned 2x3 matrix of facenet-pytorch's extract_face crop (no int truncation, no clamp).

    The source rectangle [left, left + width] x [top, top + height] is in edge coordinates (pixel
    i covers [i, i + 1]) and maps onto [0, size]^2; in pixel-centre coordinates that is
    dst = (src + 0.5 - left) * size / width - 0.5 on each axis.
    """
    x1, y1, w, h = (float(v) for v in box)
    mx, my = margin * w / (size - margin), margin * h / (size - margin)
    left, top, width, height = x1 - mx / 2, y1 - my / 2, w + mx, h + my
    sx, sy = size / width, size / height
    return np.array([[sx, 0.0, (0.5 - left) * sx - 0.5],
                     [0.0, sy, (0.5 - top) * sy - 0.5]])


def face_matrix(face, template, size, margin):
    if template == 'facenet':
        return facenet_matrix(face['box'], size, margin)
    src = [face['keypoints'][k] for k in KEYPOINTS]
    return umeyama_similarity(src, template_points(template, size, margin))


def warp(rgb, matrix, size):
    return cv2.warpAffine(rgb, matrix, (size, size), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0)


# ---------------------------------------------------------------- compare

def parse_template(text):
    if text in ('arcface', 'facenet'):
        return text
    try:
        pts = json.loads(text)
        arr = np.asarray(pts, np.float64)
    except (ValueError, TypeError):
        raise UsageError(f"--template must be arcface, facenet or '[[x,y],...]' (5 points), got {text!r}")
    if arr.shape != (5, 2) or not np.isfinite(arr).all():
        raise UsageError(f'a custom --template needs five finite [x, y] points, got shape {arr.shape}')
    return arr.tolist()


def load_faces(path, image_path):
    """The faces of image_path in the CLI's JSON: a list of records {file, faces, ...}."""
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise UsageError(f'cannot read {path}: {e}')
    records = doc if isinstance(doc, list) else [doc]
    if not records or not all(isinstance(r, dict) and isinstance(r.get('faces'), list) for r in records):
        raise UsageError(f'{path}: expected a list of records with a "faces" list')
    # Several images in one file: take the record of this image, else the first one.
    name = os.path.basename(image_path)
    record = next((r for r in records if os.path.basename(str(r.get('file', ''))) == name), records[0])
    for face in record['faces']:
        if 'box' not in face or not all(k in face.get('keypoints', {}) for k in KEYPOINTS):
            raise UsageError(f'{path}: a face lacks "box" or one of the keypoints {KEYPOINTS}')
    return record['faces']


def compare_crop(expected_rgb, crop, size):
    """Differences between the oracle's RGB crop and ours; None fields when ours is unusable."""
    result = {'shape': list(crop.shape), 'size_ok': crop.shape[:2] == (size, size),
              'rgba': crop.ndim == 3 and crop.shape[2] == 4 and crop.dtype == np.uint8}
    result['alpha_ok'] = bool(result['rgba'] and (crop[..., 3] == 255).all())
    if not (result['size_ok'] and result['rgba']):
        return result
    diff = np.abs(crop[..., :3].astype(np.int16) - expected_rgb.astype(np.int16))
    result.update(mean_diff=float(diff.mean()), max_diff=int(diff.max()),
                  frac_pixels_differing=float((diff.max(axis=2) > 0).mean()))
    return result


def cmd_compare(args):
    template = parse_template(args.template)
    kind = template if isinstance(template, str) else 'custom'
    size = args.size if args.size is not None else DEFAULT_SIZE[kind]
    if size < 1:
        raise UsageError('--size must be positive')
    if not 0 <= args.margin < size:
        raise UsageError('--margin must be in [0, size)')
    if not os.path.isdir(args.crops):
        raise UsageError(f'--crops {args.crops} is not a directory')
    rgb = read_rgb(args.image)
    faces = load_faces(args.faces, args.image)
    stem = os.path.splitext(os.path.basename(args.image))[0]

    crops, ok = [], True
    for i, face in enumerate(faces):
        path = os.path.join(args.crops, f'{stem}_{i}.png')
        entry = {'index': i, 'file': path}
        try:
            matrix = face_matrix(face, template, size, args.margin)
        except ValueError as e:
            entry.update(ok=False, error=str(e))
            crops.append(entry)
            ok = False
            continue
        entry['matrix'] = [[round(v, 9) for v in row] for row in matrix.tolist()]
        crop = read_crop(path)
        if crop is None:
            entry.update(ok=False, error='missing or unreadable crop')
        else:
            entry.update(compare_crop(warp(rgb, matrix, size), crop, size))
            entry['ok'] = bool(entry['size_ok'] and entry['rgba'] and entry['alpha_ok']
                               and entry['mean_diff'] <= args.max_mean_diff)
        ok = ok and entry['ok']
        crops.append(entry)

    # A crop beyond the last face means our face count and the JSON disagree.
    extra = sorted(f for f in os.listdir(args.crops)
                   if f.startswith(stem + '_') and f.endswith('.png')
                   and f[len(stem) + 1:-4].isdigit() and int(f[len(stem) + 1:-4]) >= len(faces))
    summary = {'image': args.image, 'template': template, 'size': size, 'margin': args.margin,
               'max_mean_diff': args.max_mean_diff, 'faces': len(faces), 'crops': crops,
               'unexpected_crops': extra, 'ok': bool(ok and not extra)}
    json.dump(summary, sys.stdout, indent=1)
    sys.stdout.write('\n')
    return 0 if summary['ok'] else 1


# ---------------------------------------------------------------- variants

def reference_faces(path):
    out = subprocess.run([sys.executable, REFERENCE, path], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)['faces']


def biggest_face(faces):
    return max(faces, key=lambda f: f['box_float'][2] * f['box_float'][3], default=None)


def parse_box(text):
    try:
        box = [float(v) for v in text.split(',')]
    except ValueError:
        box = []
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise UsageError(f'--face-box wants x,y,w,h with w, h > 0, got {text!r}')
    return box


def make_variants(rgb, box, angle, cut_x, cut_y, tiny_width):
    """{name: (image, 2x3 matrix taking original pixel coordinates to the variant's)}."""
    h, w = rgb.shape[:2]
    x, y, bw, bh = box
    # Rotation about the pixel-centre midpoint keeps the picture centred in the same frame.
    rot = cv2.getRotationMatrix2D(((w - 1) / 2.0, (h - 1) / 2.0), angle, 1.0)
    rotated = cv2.warpAffine(rgb, rot, (w, h), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    # The new origin lies inside the face, so the left and top edges cut it.
    x0 = int(round(x + cut_x * bw)) if cut_x > 0 else 0
    y0 = int(round(y + cut_y * bh)) if cut_y > 0 else 0
    if not (0 <= x0 < w and 0 <= y0 < h):
        raise UsageError(f'the face box {box} does not allow a border cut of {cut_x}, {cut_y}')
    border = np.ascontiguousarray(rgb[y0:, x0:])
    scale = tiny_width / bw
    tw, th = max(1, int(round(w * scale))), max(1, int(round(h * scale)))
    tiny = cv2.resize(rgb, (tw, th), interpolation=cv2.INTER_AREA)
    sx, sy = tw / w, th / h  # INTER_AREA maps pixel centres with the actual ratios
    return {'rotated.png': (rotated, rot),
            'border.png': (border, np.array([[1.0, 0, -x0], [0, 1.0, -y0]])),
            'tiny.png': (tiny, np.array([[sx, 0, 0.5 * sx - 0.5], [0, sy, 0.5 * sy - 0.5]]))}


def apply(matrix, pts):
    pts = np.atleast_2d(np.asarray(pts, np.float64))
    return pts @ matrix[:, :2].T + matrix[:, 2]


def eye_angle(pts):
    (lx, ly), (rx, ry) = pts[0], pts[1]
    return round(float(np.degrees(np.arctan2(ry - ly, rx - lx))), 1)


def check_variant(faces, box, keypoints, matrix):
    """Finds the moved face among the reference's faces: the box around the moved box centre.

    With the original keypoints known, it also says how far the reference's keypoints are from
    the moved ones (mean distance / moved face width): rotation beyond ~30 degrees still finds
    the face but its landmarks drift.
    """
    x, y, bw, bh = box
    cx, cy = apply(matrix, [x + bw / 2, y + bh / 2])[0]
    hits = [f for f in faces if f['box_float'][0] <= cx <= f['box_float'][0] + f['box_float'][2]
            and f['box_float'][1] <= cy <= f['box_float'][1] + f['box_float'][3]]
    entry = {'reference_faces': len(faces), 'moved_centre': [round(cx, 1), round(cy, 1)], 'found': bool(hits)}
    if not hits:
        return entry
    face = min(hits, key=lambda f: (f['box_float'][0] + f['box_float'][2] / 2 - cx) ** 2
               + (f['box_float'][1] + f['box_float'][3] / 2 - cy) ** 2)
    found = np.array([face['keypoints_float'][k] for k in KEYPOINTS])
    entry.update(box=[round(v, 2) for v in face['box_float']], eye_angle_deg=eye_angle(found))
    if keypoints is not None:
        moved = apply(matrix, keypoints)
        width = bw * np.sqrt(abs(np.linalg.det(matrix[:, :2])))
        entry.update(expected_eye_angle_deg=eye_angle(moved),
                     keypoint_error=round(float(np.linalg.norm(found - moved, axis=1).mean() / width), 3))
    return entry


def cmd_variants(args):
    rgb = read_rgb(args.image)
    keypoints = None
    if args.face_box:
        box = parse_box(args.face_box)
    else:
        face = biggest_face(reference_faces(args.image))
        if face is None:
            raise UsageError(f'the reference finds no face in {args.image}; pass --face-box')
        box = face['box_float']
        keypoints = [face['keypoints_float'][k] for k in KEYPOINTS]
    os.makedirs(args.out, exist_ok=True)
    report, ok = {'image': args.image, 'face_box': box, 'variants': {}}, True
    for name, (img, matrix) in make_variants(rgb, box, args.angle, args.cut_x, args.cut_y,
                                             args.tiny_width).items():
        path = os.path.join(args.out, name)
        write_rgb(path, img)
        entry = {'file': path, 'width': img.shape[1], 'height': img.shape[0]}
        if not args.no_check:
            entry.update(check_variant(reference_faces(path), box, keypoints, matrix))
            entry['ok'] = entry['found'] and entry.get('keypoint_error', 0) <= args.max_keypoint_error
            ok = ok and entry['ok']
        report['variants'][name] = entry
    report['ok'] = ok
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write('\n')
    if not ok:
        print('the reference misses the face (or its keypoints) in a variant: change --angle, '
              '--cut-x/--cut-y or --tiny-width', file=sys.stderr)
    return 0 if ok else 1


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='command', required=True)

    v = sub.add_parser('variants', help='write rotated/border/tiny test images')
    v.add_argument('--image', required=True)
    v.add_argument('--out', required=True)
    v.add_argument('--face-box', help='x,y,w,h of the face (default: the reference\'s biggest face)')
    v.add_argument('--angle', type=float, default=30.0, help='rotation, degrees counter-clockwise')
    v.add_argument('--cut-x', type=float, default=0.2, help='fraction of the face width left of the image')
    v.add_argument('--cut-y', type=float, default=0.2, help='fraction of the face height above the image')
    v.add_argument('--tiny-width', type=float, default=24.0, help='face width in tiny.png, px')
    v.add_argument('--max-keypoint-error', type=float, default=0.1,
                   help='mean keypoint distance / face width allowed in a variant')
    v.add_argument('--no-check', action='store_true', help='do not run the reference on the variants')

    c = sub.add_parser('compare', help='check our aligned crops against cv2.warpAffine')
    c.add_argument('--image', required=True)
    c.add_argument('--faces', required=True, help="the CLI's detect --json output for --image")
    c.add_argument('--crops', required=True, help='folder with <image stem>_<i>.png')
    c.add_argument('--size', type=int, help='crop side (default 112, facenet 160)')
    c.add_argument('--template', default='arcface', help="arcface, facenet or '[[x,y],...]' (5 points)")
    c.add_argument('--margin', type=float, default=0.0, help='margin in output pixels')
    c.add_argument('--max-mean-diff', type=float, default=1.0, help='per crop, RGB levels')

    args = parser.parse_args()
    try:
        return cmd_variants(args) if args.command == 'variants' else cmd_compare(args)
    except UsageError as e:
        print(f'align_opencv.py: {e}', file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as e:
        print(f'align_opencv.py: the reference failed: {e.stderr.strip()[-500:]}', file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
