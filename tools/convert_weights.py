#!/usr/bin/python3
"""Converts the original MTCNN networks (Zhang et al. 2016, MIT) into weights/mtcnn.safetensors.

It also writes weights/lnet.safetensors, the optional MTCNNv2 landmark refinement network (det4),
read from the Caffe model itself (see convert_lnet.py).

Source: the numpy copies of the kpzhang93 Caffe models (facenet-npy/det1..det3.npy), which are
bit-identical to the Caffe blobs and to ipazc's mtcnn_weights.npy. Those store each layer for the
*transposed* image the Caffe models were trained on (first spatial axis = image x):
convolutions as HWIO, fully connected layers as [in, out] with the input flattened (x, y, c).

The file we write holds the layouts our XNNPACK engine consumes directly on the *natural*
image (NHWC, H = image y), so nothing is permuted at load time:
  * convolution weights  [out, kh, kw, in]  (OHWI), kh along image y, kw along image x;
  * fully connected      [out, in] with the input flattened (y, x, c), i.e. NHWC order;
  * biases and PReLU slopes [channels].
Transposing the image is the same as transposing every kernel spatially, and the fully
connected weights are permuted to the NHWC flatten order; nothing else changes.

Usage: convert_weights.py [--source DIR] [--out weights/mtcnn.safetensors]
                          [--lnet-out weights/lnet.safetensors ('' skips it)]
"""
import argparse
import hashlib
import json
import os
import struct
import sys

try:
    import numpy as np
except ImportError:  # the pyenv python3 on PATH lacks numpy; Debian's has it
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise

from convert_lnet import convert_lnet

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, '..', '..', 'shared', 'data', 'weights')

# network -> (numpy file, [(our layer name, source layer name, kind)])
NETWORKS = {
    'pnet': ('det1.npy', [('conv1', 'conv1', 'conv'), ('prelu1', 'PReLU1', 'prelu'),
                          ('conv2', 'conv2', 'conv'), ('prelu2', 'PReLU2', 'prelu'),
                          ('conv3', 'conv3', 'conv'), ('prelu3', 'PReLU3', 'prelu'),
                          ('score', 'conv4-1', 'conv'), ('bbox', 'conv4-2', 'conv')]),
    'rnet': ('det2.npy', [('conv1', 'conv1', 'conv'), ('prelu1', 'prelu1', 'prelu'),
                          ('conv2', 'conv2', 'conv'), ('prelu2', 'prelu2', 'prelu'),
                          ('conv3', 'conv3', 'conv'), ('prelu3', 'prelu3', 'prelu'),
                          ('fc4', 'conv4', 'fc'), ('prelu4', 'prelu4', 'prelu'),
                          ('score', 'conv5-1', 'fc'), ('bbox', 'conv5-2', 'fc')]),
    'onet': ('det3.npy', [('conv1', 'conv1', 'conv'), ('prelu1', 'prelu1', 'prelu'),
                          ('conv2', 'conv2', 'conv'), ('prelu2', 'prelu2', 'prelu'),
                          ('conv3', 'conv3', 'conv'), ('prelu3', 'prelu3', 'prelu'),
                          ('conv4', 'conv4', 'conv'), ('prelu4', 'prelu4', 'prelu'),
                          ('fc5', 'conv5', 'fc'), ('prelu5', 'prelu5', 'prelu'),
                          ('score', 'conv6-1', 'fc'), ('bbox', 'conv6-2', 'fc'),
                          ('landmarks', 'conv6-3', 'fc')]),
}


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def convert(source):
    """Returns (ordered list of (name, float32 array), provenance dict)."""
    tensors = []
    provenance = {}
    for net, (fname, layers) in NETWORKS.items():
        path = os.path.join(source, 'facenet-npy', fname)
        provenance['facenet-npy/' + fname] = sha256(path)
        src = np.load(path, allow_pickle=True, encoding='latin1').item()
        prev_channels, prev_spatial = None, None  # the last conv's channels; side of the flattened map
        for name, src_name, kind in layers:
            layer = src[src_name]
            if kind == 'conv':
                w = np.asarray(layer['weights'], np.float32)          # (kx, ky, in, out)
                tensors.append(('%s.%s.weight' % (net, name), np.ascontiguousarray(w.transpose(3, 1, 0, 2))))
                tensors.append(('%s.%s.bias' % (net, name), np.asarray(layer['biases'], np.float32)))
                prev_channels = w.shape[3]
            elif kind == 'prelu':
                tensors.append(('%s.%s.alpha' % (net, name), np.asarray(layer['alpha'], np.float32).reshape(-1)))
            else:
                w = np.asarray(layer['weights'], np.float32)          # (in, out)
                n_in, n_out = w.shape
                if prev_spatial is None:
                    # first fc after the convolutions: input flattened (x, y, c) -> (y, x, c)
                    side = int(round((n_in // prev_channels) ** 0.5))
                    assert side * side * prev_channels == n_in, (net, name, n_in)
                    w = w.reshape(side, side, prev_channels, n_out).transpose(1, 0, 2, 3).reshape(n_in, n_out)
                    prev_spatial = side
                tensors.append(('%s.%s.weight' % (net, name), np.ascontiguousarray(w.T)))
                tensors.append(('%s.%s.bias' % (net, name), np.asarray(layer['biases'], np.float32)))
    for name in ('LICENSE.md',):
        provenance['facenet-npy/' + name] = sha256(os.path.join(source, 'facenet-npy', name))
    for i in (1, 2, 3):
        for ext in ('caffemodel', 'prototxt'):
            rel = 'kpzhang93-caffe/det%d.%s' % (i, ext)
            provenance[rel] = sha256(os.path.join(source, rel))
    return tensors, provenance


def write_safetensors(path, tensors, metadata):
    header = {'__metadata__': metadata}
    offset = 0
    for name, a in tensors:
        header[name] = {'dtype': 'F32', 'shape': list(a.shape), 'data_offsets': [offset, offset + a.nbytes]}
        offset += a.nbytes
    blob = json.dumps(header, separators=(',', ':'), sort_keys=False).encode('utf-8')
    blob += b' ' * (-len(blob) % 8)  # keep tensor data 8-byte aligned (allowed by the format)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(blob)))
        f.write(blob)
        for _, a in tensors:
            f.write(a.astype('<f4').tobytes())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--source', default=DEFAULT_SOURCE, help='shared/data/weights folder')
    ap.add_argument('--out', default=os.path.join(HERE, '..', 'weights', 'mtcnn.safetensors'))
    ap.add_argument('--lnet-out', default=os.path.join(HERE, '..', 'weights', 'lnet.safetensors'),
                    help="LNet (det4) output; '' skips it")
    a = ap.parse_args()
    tensors, provenance = convert(a.source)
    metadata = {
        'format': 'mtcnn-wasm-weights-v1',
        'model': 'MTCNN P-Net/R-Net/O-Net (Zhang et al. 2016), kpzhang93 det1-det3',
        'license': 'MIT, Copyright (c) 2016 Kaipeng Zhang (see weights/LICENSE)',
        'layout': 'conv [out,kh,kw,in] with kh = image y; fc [out,in] with in flattened (y,x,c); natural NHWC image',
        'source_sha256': json.dumps(provenance, sort_keys=True),
    }
    write_safetensors(a.out, tensors, metadata)
    print('wrote %s: %d tensors, %d parameters' % (a.out, len(tensors), sum(t.size for _, t in tensors)))
    if a.lnet_out:
        tensors, metadata = convert_lnet(a.source)
        write_safetensors(a.lnet_out, tensors, metadata)
        print('wrote %s: %d tensors, %d parameters' % (a.lnet_out, len(tensors), sum(t.size for _, t in tensors)))


if __name__ == '__main__':
    main()
