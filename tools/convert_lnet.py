"""Converts the MTCNNv2 landmark refinement network (LNet, kpzhang93 det4, MIT) for our engine.

det4 exists only as a Caffe model, so the blobs are read straight from det4.caffemodel with
tools/caffemodel.py. LNet takes five 24x24 RGB patches (one per landmark); each goes through its
own branch conv1_b (3x3, 28) - prelu1_b - maxpool 3/2 - conv2_b (3x3, 48) - prelu2_b - maxpool 3/2
- conv3_b (2x2, 64) - prelu3_b; the five 64x3x3 maps are concatenated on the channel axis,
fc4 (2880 -> 256) - prelu4 is shared, and per landmark fc4_b (256 -> 64) - prelu4_b - fc5_b
(64 -> 2) gives the patch-relative position.

Like det1-3, the model was trained on transposed images (Caffe's H axis is image x). We store
the layouts for the natural NHWC image (H = image y):
  * convolutions: Caffe [out, in, kh_c, kw_c] = [out, in, x, y] -> OHWI [out, y, x, in];
  * fc4: Caffe's input is the concat flattened (c320, x, y) with c320 = (b-1)*64 + c; ours is the
    five branch outputs one after another, each flattened (y, x, c):
    in = (b-1)*576 + (y*3 + x)*64 + c;
  * the other fully connected layers are already [out, in]; biases and slopes are [channels].
"""
import hashlib
import json
import os

import numpy as np

import caffemodel

BRANCHES = (1, 2, 3, 4, 5)            # landmark order: left eye, right eye, nose, mouth left, mouth right
CONVS = ((1, 3, 28, 3), (2, 28, 48, 3), (3, 48, 64, 2))   # (N, in, out, kernel) of convN_b
FC4_IN_SIDE, FC4_IN_CHANNELS = 3, 64  # each branch's conv3 output is 64 x 3 x 3

METADATA = {
    'format': 'mtcnn-wasm-weights-v1',
    'model': 'MTCNN LNet (det4, MTCNNv2 landmark refinement), kpzhang93',
    'license': 'MIT, Copyright (c) 2016 Kaipeng Zhang (see weights/LICENSE)',
    'layout': 'conv [out,kh,kw,in] with kh = image y; fc [out,in]; fc4 in = 5 branches x (y,x,c) 3x3x64; '
              'natural NHWC image',
}


def _sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def _blobs(layers, name, shapes):
    """The layer's blobs as float32, checked against the shapes the prototxt implies."""
    blobs = layers[name]
    got = [tuple(b.shape) for b in blobs]
    if got != [tuple(s) for s in shapes]:
        raise ValueError('det4 layer %s: blob shapes %s, expected %s' % (name, got, shapes))
    return [np.asarray(b, np.float32) for b in blobs]


def convert_lnet(source):
    """Returns (ordered list of (name, float32 array), metadata dict) for lnet.safetensors.

    source is the shared/data/weights folder."""
    model = os.path.join(source, 'kpzhang93-caffe', 'det4.caffemodel')
    layers = caffemodel.read_caffemodel(model)
    tensors = []
    for b in BRANCHES:
        for n, cin, cout, k in CONVS:
            w, bias = _blobs(layers, 'conv%d_%d' % (n, b), [(cout, cin, k, k), (cout,)])
            tensors.append(('lnet.conv%d_%d.weight' % (n, b), np.ascontiguousarray(w.transpose(0, 3, 2, 1))))
            tensors.append(('lnet.conv%d_%d.bias' % (n, b), bias))
            alpha, = _blobs(layers, 'prelu%d_%d' % (n, b), [(cout,)])
            tensors.append(('lnet.prelu%d_%d.alpha' % (n, b), alpha))

    s, c = FC4_IN_SIDE, FC4_IN_CHANNELS
    n_in = len(BRANCHES) * s * s * c
    w, bias = _blobs(layers, 'fc4', [(256, n_in), (256,)])
    # Caffe in = ((b-1)*64 + c)*9 + x*3 + y  ->  ours (b-1)*576 + (y*3 + x)*64 + c
    w = w.reshape(256, len(BRANCHES), c, s, s).transpose(0, 1, 4, 3, 2).reshape(256, n_in)
    tensors.append(('lnet.fc4.weight', np.ascontiguousarray(w)))
    tensors.append(('lnet.fc4.bias', bias))
    alpha, = _blobs(layers, 'prelu4', [(256,)])
    tensors.append(('lnet.prelu4.alpha', alpha))

    for b in BRANCHES:
        w, bias = _blobs(layers, 'fc4_%d' % b, [(64, 256), (64,)])
        tensors += [('lnet.fc4_%d.weight' % b, w), ('lnet.fc4_%d.bias' % b, bias)]
        alpha, = _blobs(layers, 'prelu4_%d' % b, [(64,)])
        tensors.append(('lnet.prelu4_%d.alpha' % b, alpha))
        w, bias = _blobs(layers, 'fc5_%d' % b, [(2, 64), (2,)])
        tensors += [('lnet.fc5_%d.weight' % b, w), ('lnet.fc5_%d.bias' % b, bias)]

    # every blob of the file must have been used (the rest are data/loss layers without blobs)
    used = sum(t.size for _, t in tensors)
    total = sum(blob.size for blobs in layers.values() for blob in blobs)
    if used != total:
        raise ValueError('det4: converted %d of %d parameters' % (used, total))

    provenance = {}
    for rel in ('kpzhang93-caffe/det4.caffemodel', 'kpzhang93-caffe/det4.prototxt', 'kpzhang93-caffe/LICENSE'):
        provenance[rel] = _sha256(os.path.join(source, rel))
    metadata = dict(METADATA, source_sha256=json.dumps(provenance, sort_keys=True))
    return tensors, metadata
