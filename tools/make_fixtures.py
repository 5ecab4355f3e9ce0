#!/usr/bin/python3
"""Regenerates the native unit tests' reference fixtures under tests/fixtures/ by running the
reference oracle in ../shared/reference (never copied: imported and run).

  resize_cases.json        cv_resize_area.resize_area on small random inputs, every code path,
                           uint8 and float64 (inputs and expected outputs)
  images/*.png, golden.json  four clearly licensed decoded images and their golden outputs
  networks.safetensors     inputs and outputs of P-Net (one pyramid level), R-Net (16 crops) and
                           O-Net (8 crops) from mtcnn_ref.py --dump-stages on a fixture image,
                           converted from the reference's transposed layout to natural NHWC
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
except ImportError:
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..')
SHARED = os.environ.get('MTCNN_SHARED', os.path.join(ROOT, '..', 'shared'))
sys.path.insert(0, os.path.join(SHARED, 'reference'))
sys.path.insert(0, HERE)
import cv_resize_area  # noqa: E402  (the oracle)
from convert_weights import write_safetensors  # noqa: E402

FIXTURES = os.path.join(ROOT, 'tests', 'fixtures')
NETWORK_IMAGE = os.path.join(SHARED, 'data', 'decoded', 'unlabeled_smoke', 'skimage_astronaut.png')

# (name, dtype, src h, src w, dst w, dst h): every INTER_AREA path for both element types.
RESIZE_CASES = [
    ('u8_area', 'u8', 31, 37, 17, 13),
    ('u8_area_pyramid', 'u8', 40, 50, 36, 29),
    ('u8_fast_2x2', 'u8', 48, 48, 24, 24),
    ('u8_fast_3x3', 'u8', 36, 36, 12, 12),
    ('u8_linear_up', 'u8', 9, 11, 24, 24),
    ('u8_linear_mixed', 'u8', 20, 30, 24, 24),
    ('u8_copy', 'u8', 5, 6, 6, 5),
    ('f64_area', 'f64', 30, 31, 24, 24),
    ('f64_area_48', 'f64', 53, 50, 48, 48),
    ('f64_fast_2x2', 'f64', 48, 48, 24, 24),
    ('f64_fast_3x3', 'f64', 36, 36, 12, 12),
    ('f64_linear_up', 'f64', 20, 23, 24, 24),
    ('f64_linear_mixed', 'f64', 50, 40, 48, 48),
]


def resize_fixtures():
    rng = np.random.default_rng(2016)
    cases = []
    for name, kind, h, w, dw, dh in RESIZE_CASES:
        if kind == 'u8':
            src = rng.integers(0, 256, size=(h, w, 3)).astype(np.uint8)
        else:
            src = rng.uniform(0, 255, size=(h, w, 3))
            src[rng.random(size=(h, w, 3)) < 0.3] = 0.0  # zero padding as in crops
        dst = cv_resize_area.resize_area(src, (dw, dh))
        cases.append(dict(name=name, dtype=kind, width=w, height=h, dst_width=dw, dst_height=dh,
                          src=src.reshape(-1).tolist(), expected=dst.reshape(-1).tolist()))
    with open(os.path.join(FIXTURES, 'resize_cases.json'), 'w') as f:
        json.dump(dict(generator='tools/make_fixtures.py (reference/cv_resize_area.py)', cases=cases), f)


def network_fixtures():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['/usr/bin/python3', os.path.join(SHARED, 'reference', 'mtcnn_ref.py'), NETWORK_IMAGE,
                        '--dump-stages', tmp], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(tmp, 'stages.json')) as f:
            st = json.load(f)
        load = lambda n: np.load(os.path.join(tmp, n + '.npy'))  # noqa: E731
        level = len(st['scales']) - 1
        pyr = load('pyramid_%02d' % level).astype(np.float32)                     # (h, w, 3) uint8 values
        prob = load('pnet_%02d_prob_face_xy' % level).T.astype(np.float32)        # -> (h', w')
        reg = load('pnet_%02d_reg_xy' % level).transpose(1, 0, 2).astype(np.float32)
        rin = load('rnet_input_nxyc')[:16].transpose(0, 2, 1, 3).astype(np.float32)
        oin = load('onet_input_nxyc')[:8].transpose(0, 2, 1, 3).astype(np.float32)
        s2, s3 = st['stage2'], st['stage3']
        tensors = [
            ('pnet.input_u8', np.ascontiguousarray(pyr)),
            ('pnet.prob_face', np.ascontiguousarray(prob)),
            ('pnet.reg', np.ascontiguousarray(reg)),
            ('rnet.input', np.ascontiguousarray(rin)),
            ('rnet.prob_face', np.asarray(s2['prob_face'][:16], np.float32)),
            ('rnet.reg', np.asarray(s2['reg'][:16], np.float32)),
            ('onet.input', np.ascontiguousarray(oin)),
            ('onet.prob_face', np.asarray(s3['prob_face'][:8], np.float32)),
            ('onet.reg', np.asarray(s3['reg'][:8], np.float32)),
            ('onet.landmarks', np.asarray(s3['landmarks_raw'][:8], np.float32)),
        ]
        meta = dict(source='mtcnn_ref.py --dump-stages on data/decoded/unlabeled_smoke/skimage_astronaut.png '
                           '(scikit-image, public domain)', pnet_level=str(level),
                    layout='natural NHWC (H = image y); P-Net maps (y, x)')
        write_safetensors(os.path.join(FIXTURES, 'networks.safetensors'), tensors, meta)


# (dataset, stem): clearly licensed images only (tests/fixtures/README.md says whose).
E2E_IMAGES = [('dlib_faces', '2007_007763'), ('unlabeled_smoke', 'skimage_astronaut'),
              ('unlabeled_smoke', 'ipazc_ivan'), ('negatives', 'skimage_coffee')]


def end_to_end_fixtures():
    """Copies the lossless PNGs and their golden outputs (every run the golden file has)."""
    import shutil
    os.makedirs(os.path.join(FIXTURES, 'images'), exist_ok=True)
    out = dict(source='../shared/data/golden (mtcnn_ref.py, quirk=fixed, nms_sort=stable)', images={})
    for dataset, stem in E2E_IMAGES:
        shutil.copyfile(os.path.join(SHARED, 'data', 'decoded', dataset, stem + '.png'),
                        os.path.join(FIXTURES, 'images', stem + '.png'))
        with open(os.path.join(SHARED, 'data', 'golden', dataset + '.json')) as f:
            golden = json.load(f)
        runs = {}
        for run, r in golden['runs'].items():
            key = next(k for k in r['images'] if os.path.splitext(os.path.basename(k))[0] == stem)
            img = r['images'][key]
            runs[run] = dict(settings=r['settings'], faces=[
                dict(box_float=f['box_float'], confidence=f['confidence'], keypoints_float=f['keypoints_float'])
                for f in img['faces']])
        out['images'][stem + '.png'] = dict(dataset=dataset, width=img['width'], height=img['height'], runs=runs)
    with open(os.path.join(FIXTURES, 'golden.json'), 'w') as f:
        json.dump(out, f, indent=1)


if __name__ == '__main__':
    os.makedirs(FIXTURES, exist_ok=True)
    resize_fixtures()
    network_fixtures()
    end_to_end_fixtures()
    print('fixtures written to', os.path.abspath(FIXTURES))
