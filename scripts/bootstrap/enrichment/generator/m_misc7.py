"""Fuyu-8B, read from the transformers configuration through the search index (not a local snapshot)."""
import os
from mlib import *
# huggingface/transformers is over the snapshot size limit, so its file was read with read_file;
# line numbers were counted in that text (commit below) and are not re-checked by src().
TF = 'huggingface/transformers'; FP = 'src/transformers/models/fuyu/configuration_fuyu.py'; FC = '053f59efe493c4f815f39f836494a1f2f73fbe0b'
def tf(line, note):
    return {'repository': TF, 'path': FP, 'commit': FC, 'line': line, 'note': note}
MODELS['fuyu'] = {'id': 'fuyu', 'architecture': [
    ARCH('Fuyu-8B', None, None, 'fuyu-8b-decoder', tokens=None,
         note='FuyuConfig (checkpoint adept/fuyu-8b) has only a text-decoder sub-configuration and an image patch size of 30 px: there is no separate vision encoder',
         sources=[tf(25, 'auto_docstring(checkpoint="adept/fuyu-8b")'), tf(52, 'patch_size: int | None = 30')])]}
