/* Sigma's WebGL programs, and a rebuild of them without instancing for software WebGL. */
import {
  EdgeArrowHeadProgram,
  EdgeArrowProgram,
  EdgeClampedProgram,
  EdgeRectangleProgram,
  NodeCircleProgram,
  createEdgeCompoundProgram,
  getAttributesItemsCount,
} from "sigma/rendering";

/* Software WebGL (SwiftShader, llvmpipe: VMs, remote desktops, headless machines) draws
 * instanced geometry many times slower than plain vertex arrays, so there the view
 * rebuilds sigma's programs without instancing: each item's attributes are written once
 * per vertex, together with the per-vertex constants. GPUs keep sigma's own programs. */
export function softwareWebGL() {
  try {
    const gl = document.createElement("canvas").getContext("webgl");
    const info = gl && gl.getExtension("WEBGL_debug_renderer_info");
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : "";
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(String(name));
  } catch (_) {
    return false;
  }
}

function withoutInstancing(Base) {
  return class extends Base {
    getDefinition() {
      const def = super.getDefinition();
      if (!("CONSTANT_ATTRIBUTES" in def)) return def;
      const { CONSTANT_ATTRIBUTES, CONSTANT_DATA, ...rest } = def;
      return { ...rest, ATTRIBUTES: [...def.ATTRIBUTES, ...CONSTANT_ATTRIBUTES] };
    }

    expansion() {
      if (!this._expansion) {
        const def = super.getDefinition();
        const own = getAttributesItemsCount(def.ATTRIBUTES);
        this._expansion = { own, constants: def.CONSTANT_DATA, scratch: new Float32Array(own) };
      }
      return this._expansion;
    }

    // While the camera moves nobody hovers: skip the picking pass, half the work.
    render(params) {
      const r = this.renderer;
      const captor = r.getMouseCaptor();
      const moving = r.getCamera().isAnimated() || captor.isMoving || captor.draggedEvents;
      const pick = this.pickProgram;
      if (moving) this.pickProgram = null;
      try {
        super.render(params);
      } finally {
        this.pickProgram = pick;
      }
    }

    processVisibleItem(index, startIndex, ...rest) {
      const x = this.expansion();
      const array = this.array;
      this.array = x.scratch;
      super.processVisibleItem(index, 0, ...rest);
      this.array = array;
      let i = startIndex;
      for (let v = 0; v < this.VERTICES; v++) {
        for (let k = 0; k < x.own; k++) array[i++] = x.scratch[k];
        const c = x.constants[v];
        for (let k = 0; k < c.length; k++) array[i++] = c[k];
      }
    }
  };
}

/** The node and edge program classes for sigma's settings. */
export function programs(software) {
  if (!software) {
    return { nodes: {}, edges: { line: EdgeRectangleProgram, arrow: EdgeArrowProgram } };
  }
  const arrow = createEdgeCompoundProgram([
    withoutInstancing(EdgeClampedProgram),
    withoutInstancing(EdgeArrowHeadProgram),
  ]);
  return {
    nodes: { circle: withoutInstancing(NodeCircleProgram) },
    edges: { line: withoutInstancing(EdgeRectangleProgram), arrow },
  };
}
