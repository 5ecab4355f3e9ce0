#!/usr/bin/python3
"""Minimal reader of Caffe .caffemodel files (binary NetParameter), numpy only.

python3-protobuf is not installed here, so this decodes the protobuf wire format by hand and
keeps only what the converter and the oracles need: each layer's name, type and blobs.

  NetParameter        layer = 100 (LayerParameter), legacy layers = 2 (V1LayerParameter)
  LayerParameter      name = 1, type = 2 (string), blobs = 7
  V1LayerParameter    name = 4, type = 5 (enum), blobs = 6
  BlobProto           num/channels/height/width = 1-4 (legacy shape), data = 5 (float),
                      shape = 7 (BlobShape: dim = 1, int64), double_data = 8

Usage: caffemodel.py FILE.caffemodel   (prints every layer's blob shapes)
"""
import collections
import os
import sys

try:
    import numpy as np
except ImportError:  # the pyenv python3 on PATH lacks numpy; Debian's has it
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise

# wire types
VARINT, FIXED64, BYTES, FIXED32 = 0, 1, 2, 5


def _varint(buf, pos):
    """Decodes one base-128 varint; returns (value, next position)."""
    value, shift = 0, 0
    while True:
        if pos >= len(buf):
            raise ValueError('truncated varint')
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise ValueError('varint too long')


def fields(buf):
    """Yields (field number, wire type, value) for every field of one message.

    BYTES values are memoryviews into buf (no copy: blobs hold megabytes of floats);
    VARINT values are ints; FIXED32/FIXED64 values are their raw bytes."""
    buf = memoryview(buf)
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == VARINT:
            value, pos = _varint(buf, pos)
        elif wire == BYTES:
            size, pos = _varint(buf, pos)
            if pos + size > end:
                raise ValueError('truncated field %d' % number)
            value, pos = buf[pos:pos + size], pos + size
        elif wire == FIXED32:
            value, pos = buf[pos:pos + 4], pos + 4
        elif wire == FIXED64:
            value, pos = buf[pos:pos + 8], pos + 8
        else:  # groups (3, 4) are not used by caffe.proto
            raise ValueError('unsupported wire type %d (field %d)' % (wire, number))
        yield number, wire, value


def _packed_varints(value):
    out, pos = [], 0
    while pos < len(value):
        v, pos = _varint(value, pos)
        out.append(v)
    return out


def _signed64(v):
    return v - (1 << 64) if v >= 1 << 63 else v


def read_blob(buf):
    """BlobProto -> float32 array shaped by BlobShape (or the legacy 4-D fields)."""
    legacy = {}
    dims = None
    chunks = []       # float32 data, packed chunks or single values, in field order
    doubles = []
    for number, wire, value in fields(buf):
        if number in (1, 2, 3, 4) and wire == VARINT:
            legacy[number] = _signed64(value)
        elif number == 5:
            chunks.append(np.frombuffer(value, '<f4'))  # packed (BYTES) or one FIXED32 value
        elif number == 8:
            doubles.append(np.frombuffer(value, '<f8'))
        elif number == 7 and wire == BYTES:
            dims = []
            for n, w, v in fields(value):
                if n == 1:
                    dims.extend(_packed_varints(v) if w == BYTES else [v])
            dims = [_signed64(d) for d in dims]
    if chunks:
        data = np.concatenate(chunks).astype(np.float32)
    elif doubles:
        data = np.concatenate(doubles).astype(np.float32)
    else:
        data = np.zeros(0, np.float32)
    if dims is None:
        dims = [legacy.get(i, 0) for i in (1, 2, 3, 4)] if legacy else [data.size]
    if int(np.prod(dims)) != data.size:
        raise ValueError('blob shape %s does not match %d values' % (dims, data.size))
    return data.reshape(dims)


def _read_layer(buf, name_field, type_field, blobs_field):
    name, kind, blobs = None, None, []
    for number, wire, value in fields(buf):
        if number == name_field and wire == BYTES:
            name = bytes(value).decode('utf-8')
        elif number == type_field:
            kind = bytes(value).decode('utf-8') if wire == BYTES else value  # V1: enum number
        elif number == blobs_field and wire == BYTES:
            blobs.append(read_blob(value))
    return name, kind, blobs


def read_layers(path):
    """Returns an OrderedDict layer name -> (type, [float32 blobs]) in file order.

    The type is a string for current files and the V1 enum number for legacy ones."""
    with open(path, 'rb') as f:
        data = f.read()
    layers = collections.OrderedDict()
    for number, wire, value in fields(data):
        if wire != BYTES:
            continue
        if number == 100:
            name, kind, blobs = _read_layer(value, 1, 2, 7)
        elif number == 2:
            name, kind, blobs = _read_layer(value, 4, 5, 6)
        else:
            continue
        if name in layers:
            raise ValueError('duplicate layer name %r' % name)
        layers[name] = (kind, blobs)
    return layers


def read_caffemodel(path):
    """Returns an OrderedDict layer name -> list of float32 blobs (layers without blobs too)."""
    return collections.OrderedDict((name, blobs) for name, (_, blobs) in read_layers(path).items())


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    total = 0
    for name, (kind, blobs) in read_layers(sys.argv[1]).items():
        total += sum(b.size for b in blobs)
        print('%-14s %-14s %s' % (name, kind, ' '.join('x'.join(map(str, b.shape)) for b in blobs)))
    print('parameters: %d' % total)
    return 0


if __name__ == '__main__':
    sys.exit(main())
